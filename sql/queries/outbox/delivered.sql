-- A delivery is a fact whatever happened to the row meanwhile (its lease ran out, another attempt failed).
UPDATE outbox_events SET status = 'DELIVERED', last_error = NULL, delivered_at = now()
WHERE id = :id::bigint AND status <> 'DELIVERED'
