-- FAILED back to PENDING, attempts reset, due now; the notification (on kOutboxChannel) wakes a relay at
-- commit.
WITH retried AS (
    UPDATE outbox_events SET status = 'PENDING', attempts = 0, next_attempt_at = now()
    WHERE event_id = :event_id::uuid AND status = 'FAILED'
    RETURNING event_id)
SELECT count(*) FROM retried, LATERAL (SELECT pg_notify(:channel, event_id::text)) notified
