SELECT count(*) FROM orders WHERE user_id = :user_id
