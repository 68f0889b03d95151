-- For the pgbench payment script (bench/pgbench/payment.pgbench): makes :count PENDING orders of one line each
-- (random user and product, quantity 1, stock taken as an order takes it, expiring after :ttl seconds) with
-- consecutive ids, and points the sequence bench_payment_order at the first of them.
-- Usage: psql -v count=150000 -v ttl=600 -f bench/pending_orders.sql
-- Whatever is left PENDING afterwards is closed by bench/close_pending_orders.sql.
\set ON_ERROR_STOP on
BEGIN;
CREATE SEQUENCE IF NOT EXISTS bench_payment_order;
CREATE TEMP TABLE bench_new_orders ON COMMIT DROP AS
SELECT nextval(pg_get_serial_sequence('orders', 'id')) AS id,
       1 + floor(random() * (SELECT max(id) FROM users))::bigint AS user_id,
       1 + floor(random() * (SELECT max(id) FROM products))::bigint AS product_id
FROM generate_series(1, :count);

INSERT INTO orders (id, user_id, total_amount, expires_at)
SELECT n.id, n.user_id, p.price, now() + make_interval(secs => :ttl)
FROM bench_new_orders n JOIN products p ON p.id = n.product_id
ORDER BY n.id;

INSERT INTO order_items (order_id, product_id, name, unit_price, quantity)
SELECT n.id, p.id, p.name, p.price, 1
FROM bench_new_orders n JOIN products p ON p.id = n.product_id
ORDER BY n.id;

UPDATE products p SET stock = p.stock - t.taken, updated_at = now()
FROM (SELECT product_id, count(*) AS taken FROM bench_new_orders GROUP BY product_id) t
WHERE p.id = t.product_id;

SELECT setval('bench_payment_order', (SELECT min(id) FROM bench_new_orders), false);
COMMIT;
ANALYZE orders, order_items;
