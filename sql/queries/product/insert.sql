INSERT INTO products (name, price, stock) VALUES (:name, :price, :stock) RETURNING id, name, price, stock
