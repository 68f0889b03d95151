-- The key's transaction lock, taken without waiting (a second request with the key while the first runs is
-- answered IDEMPOTENCY_KEY_IN_USE, never held), and the answer kept for the key if it has one that is not
-- expired. The lock is released at commit or rollback; the owner never holds a space, so owner and key
-- joined by one cannot be confused with another pair. The row is read with the statement's snapshot, taken
-- before the lock: an answer kept by the lock's previous holder, which committed in between, is missed here,
-- and insert.sql then writes no row (the caller rolls back and claims again).
SELECT l.locked::integer AS locked, k.fingerprint, k.status, k.body
FROM (SELECT pg_try_advisory_xact_lock(hashtextextended(:owner || ' ' || :key, 0)) AS locked) l
LEFT JOIN idempotency_keys k
       ON l.locked AND k.owner = :owner AND k.key = :key
      AND k.created_at > now() - make_interval(secs => :ttl_seconds::integer)
