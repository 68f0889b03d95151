-- Events another relay holds (mid-delivery) are skipped, as counting them as due would spin this relay.
SELECT GREATEST(0, ceil(EXTRACT(EPOCH FROM next_attempt_at - now()) * 1000))::bigint
FROM outbox_events WHERE status = 'PENDING'
ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED
