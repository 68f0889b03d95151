-- NULL parameters leave their column as it is. A stock delta (0 when absent) is added to the stock the row
-- holds once the update has locked it, never to a value read before, so units that orders take or give back
-- meanwhile are not overwritten. It applies only while the result stays at or above 0 and does not grow past
-- the cap (a decrease is allowed even above the cap, where units given back can leave the stock). No row
-- back: no such product, or a delta out of those bounds; nothing changed.
UPDATE products SET name = COALESCE(:name::text, name), price = COALESCE(:price::bigint, price),
                    stock = COALESCE(:stock::bigint, stock + :stock_delta::bigint), updated_at = now()
WHERE id = :id::bigint AND stock + :stock_delta::bigint >= 0
  AND stock + :stock_delta::bigint <= GREATEST(stock, :max_stock::bigint)
RETURNING id, name, price, stock
