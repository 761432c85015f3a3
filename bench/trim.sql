-- Trims attendance_sessions to the newest :keep rows (the warm-up rounds leave tens of
-- thousands), so that the growth comparison starts from 10,000 sessions.
\set ON_ERROR_STOP on
DELETE FROM attendance_sessions WHERE id IN (
  SELECT id FROM attendance_sessions WHERE status <> 'OPEN' ORDER BY checked_in_at DESC OFFSET :keep);
VACUUM (ANALYZE) attendance_sessions;
