-- The status page's figures, read by the sweeper every few seconds. PENDING rows come from the partial index
-- outbox_events_due_idx; FAILED rows are few, and the admin API lists them the same way.
SELECT (SELECT count(*) FROM outbox_events WHERE status = 'PENDING') AS pending,
       (SELECT count(*) FROM outbox_events WHERE status = 'FAILED') AS failed,
       (SELECT COALESCE(floor(EXTRACT(EPOCH FROM now() - min(created_at)) * 1000), -1)::bigint
        FROM outbox_events WHERE status = 'PENDING') AS oldest_pending_ms
