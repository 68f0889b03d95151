-- How far this server's replay is behind, in ms: 0 on a primary and on a standby that replayed all it
-- received; else the age of the last transaction it replayed (unknown, so "far", when it replayed none).
SELECT CASE
  WHEN NOT pg_is_in_recovery() THEN 0
  WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
  ELSE COALESCE((EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::bigint,
                2147483647)
END AS lag_ms
