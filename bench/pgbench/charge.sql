-- POST /api/v1/users/{id}/balance/charge: BalanceFacade::charge = BalanceRepository kCharge, the balance and its
-- ledger line in one autocommit statement (the user is read only when it charged nothing: not here).
-- Variables (pgbench -D): users. The amount is small, as in bench/charge.lua.
\set uid random(1, :users)
\set amount random(1, 1000)
WITH charged AS (
    UPDATE users SET balance = balance + :amount::bigint
    WHERE id = :uid::bigint AND balance <= 1000000000000 - :amount::bigint
    RETURNING id, balance)
INSERT INTO balance_ledger (user_id, type, amount, balance_after)
SELECT id, 'CHARGE', :amount::bigint, balance FROM charged
RETURNING balance_after;
