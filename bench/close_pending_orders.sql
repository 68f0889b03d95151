-- Closes every PENDING order left by a run (the flow's unpaid tail, the pgbench order runs, unused
-- pending_orders.sql rows) and gives its stock back, in one statement, so that the pool's expiry sweeper
-- does not work through them during a later scenario. The bench marks them CANCELLED.
WITH closed AS (
    UPDATE orders SET status = 'CANCELLED', closed_at = now()
    WHERE status = 'PENDING'
    RETURNING id),
returned AS (
    SELECT i.product_id, sum(i.quantity) AS quantity
    FROM order_items i JOIN closed c ON c.id = i.order_id
    GROUP BY i.product_id)
UPDATE products p SET stock = p.stock + r.quantity, updated_at = now()
FROM returned r
WHERE p.id = r.product_id;
