UPDATE products p SET stock = p.stock + i.quantity, updated_at = now()
FROM order_items i
WHERE i.order_id = :order_id::bigint AND p.id = i.product_id
