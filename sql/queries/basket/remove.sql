DELETE FROM basket_items WHERE user_id = :user_id AND product_id = :product_id
