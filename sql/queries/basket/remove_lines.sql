-- The lines a checkout locked (basket/lock_lines) and ordered, and no others: a line added while the checkout
-- runs is not in its order, so it stays in the basket.
DELETE FROM basket_items WHERE user_id = :user_id::bigint AND product_id = ANY(:product_ids::bigint[])
