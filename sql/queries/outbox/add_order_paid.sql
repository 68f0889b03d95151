-- Not run by the shop since order/pay took its work over; kept as the statement of
-- bench/pgbench/payment_v1.pgbench, the reference of the flow before.
-- The event is stored whole, as the data platform receives it (API.md, "Payment").
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
    WHERE o.id = :order_id::bigint
    RETURNING event_id)
SELECT event_id::text FROM event
