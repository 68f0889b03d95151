-- 결제 in one statement (OrderFacade::pay), its CTEs named for the seed's steps. All sub-statements see one
-- snapshot and a data-modifying CTE's rows only through RETURNING, so:
-- - the order is locked first and its status and deadline read from the locked, newest row version (a
--   PENDING order past its deadline is EXPIRED, whether or not the sweep has reached it);
-- - the debit is conditional (the balance never goes below zero under any concurrency), and every later
--   write follows from the debit's RETURNING: a refused payment changes nothing;
-- - each UPDATE is on its table alone, the other CTEs' values taken by scalar subqueries, not joins: a row
--   changed since the snapshot (a charge that committed while this statement waited) is then re-checked at
--   its newest version, which an UPDATE joined with a CTE did not do (seen: a debit refused although the
--   newest balance covered it);
-- - the event is built from the RETURNING of the order's update (status PAID, paid_at), not from the table.
-- :token_hash as in order/place: empty when the caller is proven already, else only a live session of this
-- user lets anything be locked or written (outcome UNPROVEN).
-- The NOTIFY that wakes the relay is not here: see outbox/notify.
-- Answers one row: the outcome (the first check that refused, as OrderService::require_payable orders them,
-- or PAID) and, when paid, the payment.
WITH caller AS (
    SELECT :token_hash::text = '' OR EXISTS (
        SELECT 1 FROM sessions s
        WHERE s.token_hash = :token_hash::text AND s.user_id = :user_id::bigint
          AND s.revoked_at IS NULL AND s.expires_at > now()) AS proven),
locked_order AS (
    SELECT o.id, o.user_id, o.total_amount, o.status = 'PENDING' AND o.expires_at > now() AS payable
    FROM orders o
    WHERE o.id = :order_id::bigint AND o.user_id = :user_id::bigint AND (SELECT proven FROM caller)
    FOR NO KEY UPDATE),
debited AS (
    UPDATE users u SET balance = u.balance - (SELECT o.total_amount FROM locked_order o)
    WHERE u.id = :user_id::bigint AND (SELECT o.payable FROM locked_order o)
      AND u.balance >= (SELECT o.total_amount FROM locked_order o)
    RETURNING u.id AS user_id, u.balance, (SELECT o.id FROM locked_order o) AS order_id,
              (SELECT o.total_amount FROM locked_order o) AS total_amount),
ledger_line AS (
    INSERT INTO balance_ledger (user_id, type, amount, balance_after, order_id)
    SELECT d.user_id, 'PAYMENT', d.total_amount, d.balance, d.order_id FROM debited d),
-- current_date is the date in the session's TimeZone; rows are upserted in product order so that two
-- payments never wait on each other's rows in opposite orders.
sales_recorded AS (
    INSERT INTO product_daily_sales AS s (sales_date, product_id, quantity)
    SELECT current_date, i.product_id, i.quantity
    FROM order_items i JOIN debited d ON i.order_id = d.order_id
    ORDER BY i.product_id
    ON CONFLICT (sales_date, product_id) DO UPDATE SET quantity = s.quantity + EXCLUDED.quantity),
marked_paid AS (
    UPDATE orders o SET status = 'PAID', paid_at = now(), closed_at = now()
    WHERE o.id = (SELECT d.order_id FROM debited d)
    RETURNING o.id, o.user_id, o.status, o.total_amount, o.created_at, o.paid_at),
payment AS (
    INSERT INTO payments (order_id, user_id, amount)
    SELECT m.id, m.user_id, m.total_amount FROM marked_paid m
    RETURNING id, order_id),
-- The event is stored whole, as the data platform receives it (API.md, "Payment").
order_paid_event AS (
    INSERT INTO outbox_events (event_id, type, payload)
    SELECT e.id, 'ORDER_PAID', jsonb_build_object(
        'eventId', e.id,
        'type', 'ORDER_PAID',
        'occurredAt', shop_rfc3339(now()),
        'order', jsonb_build_object(
            'orderId', m.id,
            'userId', m.user_id,
            'paymentId', p.id,
            'status', m.status,
            'totalAmount', m.total_amount,
            'items', (SELECT jsonb_agg(jsonb_build_object(
                                'productId', i.product_id, 'name', i.name, 'unitPrice', i.unit_price,
                                'quantity', i.quantity, 'amount', i.unit_price * i.quantity)
                            ORDER BY i.product_id)
                      FROM order_items i WHERE i.order_id = m.id),
            'createdAt', shop_rfc3339(m.created_at),
            'paidAt', shop_rfc3339(m.paid_at)))
    FROM marked_paid m JOIN payment p ON p.order_id = m.id CROSS JOIN (SELECT gen_random_uuid() AS id) e)
SELECT CASE
         WHEN NOT c.proven THEN 'UNPROVEN'
         WHEN o.id IS NULL THEN 'ORDER_NOT_FOUND'
         WHEN NOT o.payable THEN 'ORDER_NOT_PAYABLE'
         WHEN d.order_id IS NULL THEN 'INSUFFICIENT_BALANCE'
         ELSE 'PAID' END AS outcome,
       p.id AS payment_id, d.total_amount AS amount, d.balance, shop_rfc3339(m.paid_at) AS paid_at
FROM caller c LEFT JOIN locked_order o ON true LEFT JOIN debited d ON true LEFT JOIN payment p ON true
     LEFT JOIN marked_paid m ON true
