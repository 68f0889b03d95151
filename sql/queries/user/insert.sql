INSERT INTO users (name) VALUES (:name) RETURNING id, balance
