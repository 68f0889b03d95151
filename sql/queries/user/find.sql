SELECT id, name, balance FROM users WHERE id = :id
