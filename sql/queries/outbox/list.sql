SELECT id, event_id::text, type, payload::text, status, attempts, last_error, shop_rfc3339(next_attempt_at),
       shop_rfc3339(created_at), shop_rfc3339(delivered_at)
FROM outbox_events WHERE status = :status ORDER BY id DESC LIMIT :limit OFFSET :offset
