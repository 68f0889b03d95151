UPDATE orders SET status = 'PAID', paid_at = now(), closed_at = now()
WHERE id = :id AND status = 'PENDING'
RETURNING shop_rfc3339(paid_at)
