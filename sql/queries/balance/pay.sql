-- Not run by the shop since order/pay took its work over; kept as the statement of
-- bench/pgbench/payment_v1.pgbench, the reference of the flow before.
-- The shape of the charge, for payments. The condition keeps the balance from going below zero.
WITH paid AS (
    UPDATE users SET balance = balance - :amount::bigint
    WHERE id = :user_id::bigint AND balance >= :amount::bigint
    RETURNING id, balance)
INSERT INTO balance_ledger (user_id, type, amount, balance_after, order_id)
SELECT id, 'PAYMENT', :amount::bigint, balance, :order_id::bigint FROM paid
RETURNING balance_after
