INSERT INTO payments (order_id, user_id, amount) VALUES (:order_id, :user_id, :amount) RETURNING id
