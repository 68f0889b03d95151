-- Not run by the shop since order/place took its work over; kept as the statement of
-- bench/pgbench/order_v1.pgbench, the reference of the flow before.
-- NO KEY UPDATE is the lock an UPDATE takes; unlike FOR UPDATE it lets foreign-key checks of other
-- transactions (order lines, baskets, sales) through. Rows are locked in id order, so that orders never
-- deadlock each other.
SELECT id, name, price, stock FROM products WHERE id = ANY(:ids::bigint[]) ORDER BY id FOR NO KEY UPDATE
