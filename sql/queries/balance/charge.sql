-- One atomic statement. The conditional update keeps the cap under any concurrency (the row lock it takes
-- serializes charges of one user), and the ledger line is written by the same statement. The cap is
-- bound from limits.hpp (kMaxBalance).
WITH charged AS (
    UPDATE users SET balance = balance + :amount::bigint
    WHERE id = :user_id::bigint AND balance <= :max_balance::bigint - :amount::bigint
    RETURNING id, balance)
INSERT INTO balance_ledger (user_id, type, amount, balance_after)
SELECT id, 'CHARGE', :amount::bigint, balance FROM charged
RETURNING balance_after
