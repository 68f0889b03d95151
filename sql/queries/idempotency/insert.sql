-- Under the key's lock; an expired row not yet swept is replaced. No row written: the key holds a live answer
-- that lock_and_find.sql did not see.
INSERT INTO idempotency_keys AS k (owner, key, fingerprint, status, body)
VALUES (:owner, :key, :fingerprint, :status::integer, :body)
ON CONFLICT (owner, key) DO UPDATE
SET fingerprint = EXCLUDED.fingerprint, status = EXCLUDED.status, body = EXCLUDED.body, created_at = now()
WHERE k.created_at <= now() - make_interval(secs => :ttl_seconds::integer)
