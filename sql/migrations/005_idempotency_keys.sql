-- A retried request with the same Idempotency-Key gets the first answer again instead of a second effect.
-- The row is written in the transaction of the change it guards (a 4xx answer, which changed nothing, right
-- after the rollback); a 5xx answer is never kept. Rows are kept 24 hours, then deleted in small batches by
-- the pool's sweeper.
CREATE TABLE idempotency_keys (
    owner       text        NOT NULL,  -- whose key: 'user:<id>' or 'admin'
    key         text        NOT NULL CHECK (char_length(key) BETWEEN 1 AND 255),
    fingerprint text        NOT NULL,  -- SHA-256 of the method, path and body, hex
    status      integer     NOT NULL CHECK (status BETWEEN 200 AND 499),
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner, key)
);

CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);
