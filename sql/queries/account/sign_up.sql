-- No row back: the name is taken (NAME_TAKEN), decided by the unique index, never by a read before it.
INSERT INTO users (name, password_hash) VALUES (:name, :password_hash)
ON CONFLICT (name) DO NOTHING
RETURNING id, name, balance
