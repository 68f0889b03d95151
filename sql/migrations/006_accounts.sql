-- Accounts: a user signs up with a name and a password and acts through session tokens. Only a slow salted
-- hash of the password is stored (Argon2id, libsodium's crypto_pwhash_str format, parameters inside), and only
-- a SHA-256 of each token: a copy of the database holds no password and no usable token.
ALTER TABLE users ADD COLUMN password_hash text;

-- Names identify accounts at sign-in.
CREATE UNIQUE INDEX users_name_key ON users (name);

CREATE TABLE sessions (
    token_hash text        PRIMARY KEY,  -- SHA-256 of the token, hex
    user_id    bigint      NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);

-- The sweeper deletes expired and revoked sessions in small batches.
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
CREATE INDEX sessions_revoked_at_idx ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;
