-- PENDING to CANCELLED or EXPIRED.
UPDATE orders SET status = :status, closed_at = now() WHERE id = :id::bigint AND status = 'PENDING'
