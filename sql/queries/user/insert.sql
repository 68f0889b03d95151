INSERT INTO users (name) VALUES (:name) RETURNING id, name, balance
