-- The oldest due event, row-locked until the relay's transaction ends; events another relay holds are
-- skipped, so several pools never send one event at once.
SELECT id, event_id::text, type, payload::text, status, attempts, last_error, shop_rfc3339(next_attempt_at),
       shop_rfc3339(created_at), shop_rfc3339(delivered_at)
FROM outbox_events WHERE status = 'PENDING' AND next_attempt_at <= now()
ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
