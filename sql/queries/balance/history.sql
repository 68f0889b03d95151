SELECT id, type, amount, balance_after, order_id, shop_rfc3339(created_at) AS created_at
FROM balance_ledger WHERE user_id = :user_id
ORDER BY id DESC LIMIT :limit OFFSET :offset
