-- Not run by the shop since basket/add_line took its work over; kept as the statement of
-- bench/pgbench/basket_add_v1.pgbench, the reference of the basket add before.
-- The conflict branch only fires while the sum stays within bounds, so no row back means "too many".
INSERT INTO basket_items AS b (user_id, product_id, quantity)
VALUES (:user_id::bigint, :product_id::bigint, :quantity::integer)
ON CONFLICT (user_id, product_id)
DO UPDATE SET quantity = b.quantity + EXCLUDED.quantity
WHERE b.quantity + EXCLUDED.quantity <= :max_quantity::integer
RETURNING quantity
