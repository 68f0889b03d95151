SELECT id, name, price, stock FROM products ORDER BY id LIMIT :limit OFFSET :offset
