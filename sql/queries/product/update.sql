-- NULL parameters leave their column as it is.
UPDATE products SET name = COALESCE(:name::text, name), price = COALESCE(:price::bigint, price),
                    stock = COALESCE(:stock::bigint, stock), updated_at = now()
WHERE id = :id::bigint
RETURNING id, name, price, stock
