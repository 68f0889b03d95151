-- The rows are already locked (product/lock).
UPDATE products p SET stock = p.stock - v.quantity, updated_at = now()
FROM unnest(:ids::bigint[], :quantities::integer[]) AS v(id, quantity)
WHERE p.id = v.id
