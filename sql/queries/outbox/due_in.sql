-- An event being sent is leased (next_attempt_at at the lease's end), so it is not counted as due.
SELECT GREATEST(0, ceil(EXTRACT(EPOCH FROM next_attempt_at - now()) * 1000))::bigint
FROM outbox_events WHERE status = 'PENDING'
ORDER BY next_attempt_at LIMIT 1
