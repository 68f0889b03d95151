-- The lines of a whole page of orders in one query, not one query per order.
SELECT order_id, product_id, name, unit_price, quantity, unit_price * quantity AS amount
FROM order_items WHERE order_id = ANY(:ids::bigint[]) ORDER BY order_id, product_id
