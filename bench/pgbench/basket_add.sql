-- POST /api/v1/users/{id}/basket/items {"productId", "quantity": 1}: BasketFacade::add = the user's read,
-- the product's read, BasketRepository kAdd (upsert), then the basket's lines for the answer, in one
-- transaction. Variables (pgbench -D): users, products.
\set uid random(1, :users)
\set pid random(1, :products)
\set qty 1
\set max_qty 999
BEGIN;
SELECT name, balance FROM users WHERE id = :uid;
SELECT id, name, price, stock FROM products WHERE id = :pid;
INSERT INTO basket_items AS b (user_id, product_id, quantity)
VALUES (:uid::bigint, :pid::bigint, :qty::integer)
ON CONFLICT (user_id, product_id)
DO UPDATE SET quantity = b.quantity + EXCLUDED.quantity
WHERE b.quantity + EXCLUDED.quantity <= :max_qty::integer
RETURNING quantity;
SELECT b.product_id, p.name, p.price, b.quantity, p.price * b.quantity
FROM basket_items b JOIN products p ON p.id = b.product_id
WHERE b.user_id = :uid
ORDER BY b.id;
COMMIT;
