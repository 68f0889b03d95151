-- The products of an order, locked in id order before product/restock changes them.
SELECT p.id FROM products p
WHERE p.id IN (SELECT product_id FROM order_items WHERE order_id = :order_id::bigint)
ORDER BY p.id FOR NO KEY UPDATE
