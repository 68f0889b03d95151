SELECT count(*) FROM products
