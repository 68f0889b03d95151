SELECT product_id, name, unit_price, quantity, unit_price * quantity AS amount
FROM order_items WHERE order_id = :order_id ORDER BY product_id
