-- An event claimed with no attempt left: its last attempt ended with no result recorded (its relay died
-- mid-send), so it is FAILED for an operator without another POST, and the claim's count is taken back, as
-- nothing was sent.
UPDATE outbox_events SET status = 'FAILED', attempts = attempts - 1, last_error = :error
WHERE id = :id::bigint AND status = 'PENDING' AND attempts = :attempts::integer
