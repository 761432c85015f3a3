-- Right after a quiet night ANALYZE sees no open session, so the planner believes both
-- partial indexes on open sessions are empty, and a cached plan for "this volunteer's open
-- session" scanned the whole expiry index instead of looking the volunteer up in the
-- one-open-session index: at 8:00, with thousands of sessions open, that cost 0.5 ms of
-- database time per check-in (docs/PERFORMANCE.md). The expiry job's query
-- (expires_at <= ?) still proves the extra predicate; a lookup by volunteer cannot, so it
-- can only use the unique index.
DROP INDEX attendance_sessions_expiry_idx;
CREATE INDEX attendance_sessions_expiry_idx ON attendance_sessions (expires_at)
  WHERE status = 'OPEN' AND expires_at IS NOT NULL;

-- Every session row is updated once, minutes or hours after its insert (check-out or
-- void). With the default 20 % scale factor a table of a million sessions gathers 200,000
-- dead versions before autovacuum looks at it, and the statistics behind the plans above
-- go stale; vacuum and analyze it after 2 % instead.
ALTER TABLE attendance_sessions SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
-- Publications are updated once on completion: the same reasoning.
ALTER TABLE event_publication SET (autovacuum_vacuum_scale_factor = 0.02);
