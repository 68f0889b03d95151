-- The lines to check out, by product id, locked until the checkout commits.
SELECT product_id, quantity FROM basket_items WHERE user_id = :user_id ORDER BY product_id FOR UPDATE
