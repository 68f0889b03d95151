-- POST /api/v1/payments {"orderId", "userId"}: OrderFacade::pay in one transaction = the order locked
-- (OrderRepository kFindLocked; the application then checks owner and status), the conditional debit with its
-- ledger line (BalanceRepository kPay), the ranking (SalesRepository kRecord), OrderRepository kMarkPaid,
-- PaymentRepository insert, the outbox event (OutboxRepository kAddOrderPaid); then, after the commit, the
-- NOTIFY that wakes the relay (OutboxRepository kNotify), as its own statement.
-- Alone, each transaction pays the next of the PENDING orders made by bench/pending_orders.sql, handed out by
-- the sequence bench_payment_order: that pick is one statement more than the application runs, and the only
-- one. When the sequence passes the last of them the \gset finds no row and pgbench aborts the client: the
-- run is then reported as failed, never as a rate.
-- standalone:begin
SELECT nextval('bench_payment_order') AS o_id \gset
-- standalone:end
BEGIN;
SELECT id, user_id, CASE WHEN status = 'PENDING' AND expires_at <= now() THEN 'EXPIRED' ELSE status END, total_amount, shop_rfc3339(created_at), shop_rfc3339(expires_at), shop_rfc3339(paid_at) FROM orders WHERE id = :o_id FOR NO KEY UPDATE \gset o_
WITH paid AS (
    UPDATE users SET balance = balance - :o_total_amount::bigint
    WHERE id = :o_user_id::bigint AND balance >= :o_total_amount::bigint
    RETURNING id, balance)
INSERT INTO balance_ledger (user_id, type, amount, balance_after, order_id)
SELECT id, 'PAYMENT', :o_total_amount::bigint, balance, :o_id::bigint FROM paid
RETURNING balance_after;
INSERT INTO product_daily_sales AS s (sales_date, product_id, quantity)
SELECT current_date, product_id, quantity FROM order_items WHERE order_id = :o_id::bigint ORDER BY product_id
ON CONFLICT (sales_date, product_id) DO UPDATE SET quantity = s.quantity + EXCLUDED.quantity;
UPDATE orders SET status = 'PAID', paid_at = now(), closed_at = now()
WHERE id = :o_id AND status = 'PENDING'
RETURNING shop_rfc3339(paid_at);
INSERT INTO payments (order_id, user_id, amount) VALUES (:o_id, :o_user_id, :o_total_amount) RETURNING id \gset payment_
WITH event AS (
    INSERT INTO outbox_events (event_id, type, payload)
    SELECT e.id, 'ORDER_PAID', jsonb_build_object(
        'eventId', e.id,
        'type', 'ORDER_PAID',
        'occurredAt', shop_rfc3339(now()),
        'order', jsonb_build_object(
            'orderId', o.id,
            'userId', o.user_id,
            'paymentId', :payment_id::bigint,
            'status', o.status,
            'totalAmount', o.total_amount,
            'items', (SELECT jsonb_agg(jsonb_build_object(
                                'productId', i.product_id, 'name', i.name, 'unitPrice', i.unit_price,
                                'quantity', i.quantity, 'amount', i.unit_price * i.quantity)
                            ORDER BY i.product_id)
                      FROM order_items i WHERE i.order_id = o.id),
            'createdAt', shop_rfc3339(o.created_at),
            'paidAt', shop_rfc3339(o.paid_at)))
    FROM (SELECT gen_random_uuid() AS id) e CROSS JOIN orders o
    WHERE o.id = :o_id::bigint
    RETURNING event_id)
SELECT event_id::text FROM event;
COMMIT;
SELECT pg_notify('shop_outbox', '');
