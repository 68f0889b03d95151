-- POST /api/v1/orders {"userId", "items": [{"productId", "quantity": 1}]}: OrderFacade::place_lines in one
-- transaction = lock the products in id order (ProductRepository kLock), the user's read (balance check),
-- OrderRepository kInsert (order and lines in one statement), ProductRepository kTake (stock).
-- The application binds the id and quantity arrays as text ('{5}'); here they are ARRAY[...] casts.
-- Variables (pgbench -D): users, products, ttl. Leaves :o_id (the order) for the payment that may follow:
-- scripts/bench runs "order_payment" as this file followed by payment.sql without its pick.
\set uid random(1, :users)
\set pid random(1, :products)
\set qty 1
BEGIN;
SELECT id, name, price, stock FROM products WHERE id = ANY(ARRAY[:pid]::bigint[]) ORDER BY id FOR NO KEY UPDATE \gset p_
SELECT name, balance FROM users WHERE id = :uid;
\set total :p_price * :qty
WITH o AS (
    INSERT INTO orders (user_id, total_amount, expires_at)
    VALUES (:uid::bigint, :total::bigint, now() + make_interval(secs => :ttl::integer))
    RETURNING id, created_at, expires_at),
items AS (
    INSERT INTO order_items (order_id, product_id, name, unit_price, quantity)
    SELECT o.id, p.id, p.name, p.price, v.quantity
    FROM o CROSS JOIN unnest(ARRAY[:pid]::bigint[], ARRAY[:qty]::integer[]) AS v(id, quantity)
    JOIN products p ON p.id = v.id)
SELECT id, shop_rfc3339(created_at), shop_rfc3339(expires_at) FROM o \gset o_
UPDATE products p SET stock = p.stock - v.quantity, updated_at = now()
FROM unnest(ARRAY[:pid]::bigint[], ARRAY[:qty]::integer[]) AS v(id, quantity)
WHERE p.id = v.id;
COMMIT;
