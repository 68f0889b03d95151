-- How far this server's replay is behind, in ms: 0 on a primary, and on a standby that streams from its
-- primary and replayed all it received; else the age of the last transaction it replayed (a standby cut off
-- from its primary receives nothing, so "all received" proves nothing there), "far" when it replayed none.
-- pg_stat_wal_receiver shows a row only while a WAL receiver runs (its details need pg_read_all_stats).
SELECT CASE
  WHEN NOT pg_is_in_recovery() THEN 0
  WHEN EXISTS (SELECT 1 FROM pg_stat_wal_receiver)
       AND pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
  ELSE COALESCE((EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::bigint,
                2147483647)
END AS lag_ms
