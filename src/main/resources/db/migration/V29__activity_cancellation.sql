-- 取消活动 (RULES §5): an admin cancels an activity that nobody has checked in to, with a
-- reason. It stays, marked, with its sign-ups; nobody signs up or checks in any more.
ALTER TABLE activities
  ADD COLUMN cancelled_at        TIMESTAMPTZ,
  ADD COLUMN cancelled_by        UUID,
  ADD COLUMN cancellation_reason TEXT,
  -- Whether sessions may be opened: false exactly when cancelled. A session's foreign key
  -- names it, so the database settles a check-in racing the cancellation either way: the
  -- cancellation's update of this key is refused while a session exists (or waits for a
  -- check-in still inserting one, then is refused), and a session cannot be inserted once
  -- the cancellation has committed, whatever the check-in read a moment before.
  ADD COLUMN accepts_sessions    BOOLEAN NOT NULL DEFAULT TRUE,
  ADD CONSTRAINT activities_cancellation_check CHECK (
    (cancelled_at IS NULL AND cancelled_by IS NULL AND cancellation_reason IS NULL AND accepts_sessions)
    OR (cancelled_at IS NOT NULL AND cancellation_reason IS NOT NULL AND NOT accepts_sessions)),
  ADD CONSTRAINT activities_accepts_sessions_key UNIQUE (id, accepts_sessions);

ALTER TABLE attendance_sessions
  ADD COLUMN activity_accepts BOOLEAN NOT NULL DEFAULT TRUE CHECK (activity_accepts),
  DROP CONSTRAINT attendance_sessions_activity_id_fkey,
  ADD CONSTRAINT attendance_sessions_activity_accepts_fkey FOREIGN KEY (activity_id, activity_accepts)
    REFERENCES activities (id, accepts_sessions);

-- Signed-up volunteers hear of a cancellation once, and of each change of when or where
-- (MOVED, one per change: its subject is the change), as a notice and (短信提醒) a text.
ALTER TABLE reminders DROP CONSTRAINT reminders_kind_check;
ALTER TABLE reminders
  ADD CONSTRAINT reminders_kind_check
    CHECK (kind IN ('CHECK_OUT', 'MIDNIGHT', 'EVE', 'HOUR_BEFORE', 'CANCELLED', 'MOVED'));
