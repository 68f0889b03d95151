SELECT count(*) FROM outbox_events WHERE status = :status
