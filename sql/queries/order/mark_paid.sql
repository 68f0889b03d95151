-- Not run by the shop since order/pay took its work over; kept as the statement of
-- bench/pgbench/payment_v1.pgbench, the reference of the flow before.
UPDATE orders SET status = 'PAID', paid_at = now(), closed_at = now()
WHERE id = :id AND status = 'PENDING'
RETURNING shop_rfc3339(paid_at)
