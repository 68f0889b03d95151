DELETE FROM basket_items WHERE user_id = :user_id
