-- GET /api/v1/products/{id}: ProductRepository kFind, one autocommit statement.
-- Variables (pgbench -D): products.
\set pid random(1, :products)
SELECT id, name, price, stock FROM products WHERE id = :pid;
