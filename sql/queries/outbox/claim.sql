-- The oldest due event, row-locked until the relay's transaction ends; events another relay holds are
-- skipped, so several pools never send one event at once.
SELECT id, event_id::text AS event_id, type, payload::text AS payload, status, attempts, last_error,
       shop_rfc3339(next_attempt_at) AS next_attempt_at, shop_rfc3339(created_at) AS created_at,
       shop_rfc3339(delivered_at) AS delivered_at
FROM outbox_events WHERE status = 'PENDING' AND next_attempt_at <= now()
ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
