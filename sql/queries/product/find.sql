SELECT id, name, price, stock FROM products WHERE id = :id
