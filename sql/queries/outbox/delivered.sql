UPDATE outbox_events SET status = 'DELIVERED', attempts = attempts + 1, last_error = NULL, delivered_at = now()
WHERE id = :id
