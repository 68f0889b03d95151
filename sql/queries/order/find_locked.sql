-- order/find, row-locked for a change of state.
SELECT id, user_id, CASE WHEN status = 'PENDING' AND expires_at <= now() THEN 'EXPIRED' ELSE status END AS status,
       total_amount, shop_rfc3339(created_at) AS created_at, shop_rfc3339(expires_at) AS expires_at,
       shop_rfc3339(paid_at) AS paid_at
FROM orders WHERE id = :id FOR NO KEY UPDATE
