SELECT id, event_id::text AS event_id, type, payload::text AS payload, status, attempts, last_error,
       shop_rfc3339(next_attempt_at) AS next_attempt_at, shop_rfc3339(created_at) AS created_at,
       shop_rfc3339(delivered_at) AS delivered_at
FROM outbox_events WHERE event_id = :event_id::uuid
