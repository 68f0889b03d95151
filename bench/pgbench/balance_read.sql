-- GET /api/v1/users/{id}/balance: UserRepository find, one autocommit statement.
-- Variables (pgbench -D): users.
\set uid random(1, :users)
SELECT name, balance FROM users WHERE id = :uid;
