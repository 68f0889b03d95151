-- Token hashes and idempotency keys are looked up on every call that carries them, and only ever compared
-- for equality: byte order (COLLATE "C") compares them with memcmp instead of the cluster's locale rules
-- (strcoll, under C.UTF-8 too). Equality is the same either way. Their indexes are rebuilt here.
ALTER TABLE sessions ALTER COLUMN token_hash TYPE text COLLATE "C";
ALTER TABLE idempotency_keys ALTER COLUMN owner TYPE text COLLATE "C", ALTER COLUMN key TYPE text COLLATE "C";
