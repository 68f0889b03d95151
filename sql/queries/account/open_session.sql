INSERT INTO sessions (token_hash, user_id, expires_at)
VALUES (:token_hash, :user_id::bigint, now() + make_interval(secs => :ttl_seconds::integer))
RETURNING shop_rfc3339(expires_at) AS expires_at
