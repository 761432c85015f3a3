-- A leaner check-in (issue 25): every session row was written into seven indexes. The
-- index by (activity_id, checked_in_at) duplicated the leading column of the risk signals'
-- attendance_sessions_check_in_position_idx (activity_id, check_in_lat, check_in_lng),
-- which now serves every lookup by activity as well; the one activity's sessions that such
-- a lookup reads are sorted by time in memory.
DROP INDEX attendance_sessions_activity_idx;
