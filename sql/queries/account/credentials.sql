SELECT id, name, password_hash FROM users WHERE name = :name AND password_hash IS NOT NULL
