-- Not run by the shop since order/pay took its work over; kept as the statement of
-- bench/pgbench/payment_v1.pgbench, the reference of the flow before.
-- current_date is the date in the session's TimeZone. Rows are upserted in product order so that two
-- payments never wait on each other's rows in opposite orders.
INSERT INTO product_daily_sales AS s (sales_date, product_id, quantity)
SELECT current_date, product_id, quantity FROM order_items WHERE order_id = :order_id::bigint ORDER BY product_id
ON CONFLICT (sales_date, product_id) DO UPDATE SET quantity = s.quantity + EXCLUDED.quantity
