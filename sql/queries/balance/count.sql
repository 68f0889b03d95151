SELECT count(*) FROM balance_ledger WHERE user_id = :user_id
