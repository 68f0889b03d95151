-- A round trip that proves the database answers.
SELECT 1
