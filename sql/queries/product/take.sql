-- Not run by the shop since order/place took its work over; kept as the statement of
-- bench/pgbench/order_v1.pgbench, the reference of the flow before.
-- The rows are already locked (product/lock).
UPDATE products p SET stock = p.stock - v.quantity, updated_at = now()
FROM unnest(:ids::bigint[], :quantities::integer[]) AS v(id, quantity)
WHERE p.id = v.id
