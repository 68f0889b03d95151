-- A small batch at a time, skipping rows another sweeper holds, so that no sweep holds locks for long.
DELETE FROM idempotency_keys
WHERE (owner, key) IN (
    SELECT owner, key FROM idempotency_keys
    WHERE created_at <= now() - make_interval(secs => :ttl_seconds::integer)
    LIMIT :batch::integer
    FOR UPDATE SKIP LOCKED)
