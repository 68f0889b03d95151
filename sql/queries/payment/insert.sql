-- Not run by the shop since order/pay took its work over; kept as the statement of
-- bench/pgbench/payment_v1.pgbench, the reference of the flow before.
INSERT INTO payments (order_id, user_id, amount) VALUES (:order_id, :user_id, :amount) RETURNING id
