-- Expired or revoked sessions, a small batch at a time, skipping rows another sweeper holds.
DELETE FROM sessions
WHERE token_hash IN (
    SELECT token_hash FROM sessions
    WHERE expires_at <= now() OR revoked_at IS NOT NULL
    LIMIT :batch::integer
    FOR UPDATE SKIP LOCKED)
