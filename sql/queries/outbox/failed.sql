-- A failed attempt, tried again after the delay, or FAILED (the status parameter) for an operator.
UPDATE outbox_events
SET attempts = attempts + 1, last_error = :error, status = :status,
    next_attempt_at = now() + make_interval(secs => :delay_ms::bigint / 1000.0)
WHERE id = :id::bigint
