INSERT INTO basket_items AS b (user_id, product_id, quantity)
VALUES (:user_id::bigint, :product_id::bigint, :quantity::integer)
ON CONFLICT (user_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity
