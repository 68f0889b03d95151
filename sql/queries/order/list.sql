-- A user's orders, newest first, with the columns of order/find.
SELECT id, user_id, CASE WHEN status = 'PENDING' AND expires_at <= now() THEN 'EXPIRED' ELSE status END AS status,
       total_amount, shop_rfc3339(created_at) AS created_at, shop_rfc3339(expires_at) AS expires_at,
       shop_rfc3339(paid_at) AS paid_at
FROM orders WHERE user_id = :user_id ORDER BY id DESC LIMIT :limit OFFSET :offset
