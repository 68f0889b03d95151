-- One atomic statement. The conditional update keeps the cap under any concurrency (the row lock it takes
-- serializes charges of one user), and the ledger line is written by the same statement. The cap is
-- bound from limits.hpp (kMaxBalance).
-- :token_hash is empty when the front has already proven the caller (the admin, or a keyed request);
-- otherwise it is the hash of the caller's token, and only a live session of this user lets the row change:
-- the token's check costs no round trip of its own.
WITH charged AS (
    UPDATE users SET balance = balance + :amount::bigint
    WHERE id = :user_id::bigint AND balance <= :max_balance::bigint - :amount::bigint
      AND (:token_hash::text = '' OR EXISTS (
          SELECT 1 FROM sessions s
          WHERE s.token_hash = :token_hash::text AND s.user_id = users.id
            AND s.revoked_at IS NULL AND s.expires_at > now()))
    RETURNING id, balance)
INSERT INTO balance_ledger (user_id, type, amount, balance_after)
SELECT id, 'CHARGE', :amount::bigint, balance FROM charged
RETURNING balance_after
