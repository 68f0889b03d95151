-- The user, only if the token's hash is a live session of that user: the read and the caller's proof in one
-- round trip. No row: either there is no such user or the token does not prove it (SessionService tells which).
SELECT u.id, u.name, u.balance FROM users u
WHERE u.id = :id
  AND EXISTS (
      SELECT 1 FROM sessions s
      WHERE s.token_hash = :token_hash AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now())
