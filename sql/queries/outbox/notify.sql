-- Sent after the payment commits, on its own. A NOTIFY inside the payment would hold PostgreSQL's notify
-- queue lock through the commit's WAL flush and make paying transactions commit one at a time (measured
-- 620 payments/s without it, 180 with it). Alone, the notifying transaction writes no WAL and commits
-- without a flush. If the process dies between the two, the relay's poll finds the event a little later.
-- The channel is bound from kOutboxChannel (model/outbox/outbox_repository.hpp).
SELECT pg_notify(:channel, '')
