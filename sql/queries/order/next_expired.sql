-- Orders another sweep holds are skipped, so that several pools can share a database.
SELECT id FROM orders WHERE status = 'PENDING' AND expires_at <= now()
ORDER BY expires_at LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED
