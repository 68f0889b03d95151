-- The one indexed lookup of a request that carries a user's token: a revoked or expired session is no session.
SELECT s.user_id, u.name, shop_rfc3339(s.expires_at) AS expires_at
FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.token_hash = :token_hash AND s.revoked_at IS NULL AND s.expires_at > now()
