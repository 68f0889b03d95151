-- The oldest due event, leased to this relay in one committed statement: its attempt is counted, and it is
-- not due again until the lease (longer than any delivery) ends. So the POST runs outside any transaction, no
-- other relay sends the event meanwhile (SKIP LOCKED passes over one being claimed), and an attempt whose
-- relay dies mid-send still counts.
UPDATE outbox_events e
SET attempts = e.attempts + 1, next_attempt_at = now() + make_interval(secs => :lease_ms::bigint / 1000.0)
FROM (SELECT id FROM outbox_events
      WHERE status = 'PENDING' AND next_attempt_at <= now()
      ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) due
WHERE e.id = due.id
RETURNING e.id, e.event_id::text AS event_id, e.type, e.payload::text AS payload, e.status, e.attempts,
          e.last_error, shop_rfc3339(e.next_attempt_at) AS next_attempt_at,
          shop_rfc3339(e.created_at) AS created_at, shop_rfc3339(e.delivered_at) AS delivered_at
