-- Not run by the shop since order/place took its work over; kept as the statement of
-- bench/pgbench/order_v1.pgbench, the reference of the flow before.
-- The order and its lines in one statement; names and prices are copied from the product rows, which the
-- caller has locked (product/lock).
WITH o AS (
    INSERT INTO orders (user_id, total_amount, expires_at)
    VALUES (:user_id::bigint, :total::bigint, now() + make_interval(secs => :ttl::integer))
    RETURNING id, created_at, expires_at),
items AS (
    INSERT INTO order_items (order_id, product_id, name, unit_price, quantity)
    SELECT o.id, p.id, p.name, p.price, v.quantity
    FROM o CROSS JOIN unnest(:ids::bigint[], :quantities::integer[]) AS v(id, quantity)
    JOIN products p ON p.id = v.id)
SELECT id, shop_rfc3339(created_at), shop_rfc3339(expires_at) FROM o
