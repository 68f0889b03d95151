SELECT name, balance FROM users WHERE id = :id
