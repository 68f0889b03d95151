-- A failed attempt (counted by its claim), tried again after the delay, or FAILED (the status parameter) for
-- an operator. Recorded only while it is the event's latest attempt: once its lease ran out and another
-- relay claimed the event, the newer attempt's result is the one that counts.
UPDATE outbox_events
SET last_error = :error, status = :status,
    next_attempt_at = now() + make_interval(secs => :delay_ms::bigint / 1000.0)
WHERE id = :id::bigint AND status = 'PENDING' AND attempts = :attempts::integer
