SELECT b.product_id, p.name, p.price, b.quantity, p.price * b.quantity AS amount
FROM basket_items b JOIN products p ON p.id = b.product_id
WHERE b.user_id = :user_id
ORDER BY b.id
