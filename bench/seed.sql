-- Bench data for scripts/bench, loaded into a freshly migrated, empty database:
--   :users users, each with a large balance that equals the sum of its ledger (one CHARGE line, then one
--   PAYMENT line per paid order, balance_after running down);
--   :products products with large stock (stock + units sold = 1,000,000,000);
--   :lines paid order lines, 4 per order (distinct products), paid at random moments of the last 6 days
--   (7 calendar days, today included, in the shop's time zone :'tz'), with their orders, payments,
--   PAYMENT ledger lines and product_daily_sales rows. Low product ids sell most, so the ranking is stable;
--   a session per user whose token is 'bench-token-<user id>' (bench/wrk_common.lua sends it, and
--   scripts/pgbench-scripts hashes it the same way for the pgbench ceilings).
-- Usage: psql -v users=10000 -v products=1000 -v lines=1000000 -v tz=Asia/Seoul -f bench/seed.sql
-- Everything is generated with generate_series in one transaction; outbox events of these old payments are
-- left out (they would be delivered ones).
\set ON_ERROR_STOP on
\set lines_per_order 4

BEGIN;
-- The rows are generated consistent; skipping the per-row foreign-key triggers makes the load several times
-- faster (the check at the end proves what matters).
SET LOCAL session_replication_role = replica;
SET LOCAL TimeZone = :'tz';

INSERT INTO products (id, name, price, stock, created_at, updated_at)
SELECT g, 'bench product ' || g, 100 * (1 + (g * 37) % 500), 1000000000,
       now() - interval '30 days', now() - interval '30 days'
FROM generate_series(1, :products) g;

CREATE TEMP TABLE bench_orders ON COMMIT DROP AS
SELECT g AS id,
       1 + floor(random() * :users)::bigint AS user_id,
       floor(power(random(), 3) * :products)::bigint AS first_product,  -- skewed towards low ids
       now() - random() * interval '6 days' AS paid_at
FROM generate_series(1, :lines / :lines_per_order) g;

-- product ids first_product + k * (products / 4), modulo products, are distinct within an order.
CREATE TEMP TABLE bench_lines ON COMMIT DROP AS
SELECT o.id AS order_id,
       1 + (o.first_product + k * (:products / :lines_per_order)) % :products AS product_id,
       1 + floor(random() * 3)::int AS quantity
FROM bench_orders o CROSS JOIN generate_series(0, :lines_per_order - 1) k;

CREATE TEMP TABLE bench_totals ON COMMIT DROP AS
SELECT l.order_id, sum(p.price * l.quantity)::bigint AS total
FROM bench_lines l JOIN products p ON p.id = l.product_id
GROUP BY l.order_id;

INSERT INTO users (id, name, balance, created_at)
SELECT g, 'bench user ' || g, 100000000000, now() - interval '30 days'
FROM generate_series(1, :users) g;

-- The shop keeps the SHA-256 (hex) of a token and hashes whatever bearer string it is given, so a token the
-- wrk scripts can derive from the user id works like a signed-in one; it never expires during a bench.
INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
SELECT encode(sha256(convert_to('bench-token-' || g, 'UTF8')), 'hex'), g, now(), now() + interval '100 years'
FROM generate_series(1, :users) g;

INSERT INTO orders (id, user_id, status, total_amount, created_at, expires_at, paid_at, closed_at)
SELECT o.id, o.user_id, 'PAID', t.total, o.paid_at - interval '1 minute',
       o.paid_at - interval '1 minute' + interval '600 seconds', o.paid_at, o.paid_at
FROM bench_orders o JOIN bench_totals t ON t.order_id = o.id
ORDER BY o.id;

INSERT INTO order_items (order_id, product_id, name, unit_price, quantity)
SELECT l.order_id, l.product_id, p.name, p.price, l.quantity
FROM bench_lines l JOIN products p ON p.id = l.product_id
ORDER BY l.order_id, l.product_id;

INSERT INTO payments (id, order_id, user_id, amount, paid_at)
SELECT o.id, o.id, o.user_id, t.total, o.paid_at
FROM bench_orders o JOIN bench_totals t ON t.order_id = o.id
ORDER BY o.id;

-- One CHARGE per user of 100,000,000,000 plus everything the user paid, so the balance ends at
-- 100,000,000,000; then the PAYMENT lines in time order with their running balance.
INSERT INTO balance_ledger (user_id, type, amount, balance_after, created_at)
SELECT u.id, 'CHARGE', 100000000000 + coalesce(s.paid, 0), 100000000000 + coalesce(s.paid, 0),
       now() - interval '7 days'
FROM users u
LEFT JOIN (SELECT o.user_id, sum(t.total)::bigint AS paid
           FROM bench_orders o JOIN bench_totals t ON t.order_id = o.id GROUP BY o.user_id) s ON s.user_id = u.id
ORDER BY u.id;

INSERT INTO balance_ledger (user_id, type, amount, balance_after, order_id, created_at)
SELECT user_id, 'PAYMENT', total, charged - paid_so_far, id, paid_at
FROM (SELECT o.id, o.user_id, o.paid_at, t.total, c.amount AS charged,
             sum(t.total) OVER (PARTITION BY o.user_id ORDER BY o.paid_at, o.id) AS paid_so_far
      FROM bench_orders o
      JOIN bench_totals t ON t.order_id = o.id
      JOIN balance_ledger c ON c.user_id = o.user_id AND c.type = 'CHARGE') x
ORDER BY paid_at, id;

-- The ranking table, by the day of payment in the shop's time zone (TimeZone is set above).
INSERT INTO product_daily_sales (sales_date, product_id, quantity)
SELECT o.paid_at::date, l.product_id, sum(l.quantity)
FROM bench_lines l JOIN bench_orders o ON o.id = l.order_id
GROUP BY 1, 2;

UPDATE products p SET stock = p.stock - s.sold
FROM (SELECT product_id, sum(quantity) AS sold FROM bench_lines GROUP BY product_id) s
WHERE p.id = s.product_id;

-- Rows were inserted with explicit ids: new ones must come after them.
SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users));
SELECT setval(pg_get_serial_sequence('products', 'id'), (SELECT max(id) FROM products));
SELECT setval(pg_get_serial_sequence('orders', 'id'), (SELECT max(id) FROM orders));
SELECT setval(pg_get_serial_sequence('payments', 'id'), (SELECT max(id) FROM payments));

-- The invariants the foreign-key triggers and the application would have kept.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM users u
               WHERE u.balance <> (SELECT sum(CASE WHEN type = 'CHARGE' THEN amount ELSE -amount END)
                                   FROM balance_ledger l WHERE l.user_id = u.id)) THEN
        RAISE EXCEPTION 'bench seed: a balance differs from its ledger';
    END IF;
    IF EXISTS (SELECT 1 FROM order_items i LEFT JOIN orders o ON o.id = i.order_id WHERE o.id IS NULL)
       OR EXISTS (SELECT 1 FROM order_items i LEFT JOIN products p ON p.id = i.product_id WHERE p.id IS NULL)
       OR EXISTS (SELECT 1 FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE u.id IS NULL)
       OR EXISTS (SELECT 1 FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE u.id IS NULL) THEN
        RAISE EXCEPTION 'bench seed: a dangling reference';
    END IF;
    IF (SELECT sum(quantity) FROM product_daily_sales) <> (SELECT sum(quantity) FROM order_items) THEN
        RAISE EXCEPTION 'bench seed: the ranking table does not match the paid lines';
    END IF;
END
$$;
COMMIT;

-- Fresh statistics and visibility maps before measuring; the checkpoint keeps the load's writes out of the runs.
VACUUM ANALYZE;
CHECKPOINT;
