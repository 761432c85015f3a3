-- 候补 (RULES §5): volunteers waiting for a place of a full activity, until its start.
-- A place freed before the start (a sign-up cancelled, more places) goes to the earliest,
-- as a sign-up, under the activity's lock; the row goes with it, on leaving, on erasure,
-- and once the activity has started or was cancelled (attendance/WaitlistRetention).
CREATE TABLE activity_waitlist
(
  activity_id UUID        NOT NULL REFERENCES activities (id),
  account_id  UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  joined_at   TIMESTAMPTZ NOT NULL,
  -- The order of joining, which times alone may not tell (the same microsecond, a clock
  -- fixed for a demo).
  seq         BIGINT      GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (activity_id, account_id)
);
CREATE INDEX activity_waitlist_account_idx ON activity_waitlist (account_id);

-- The volunteer promoted from the waitlist hears of it at once (PROMOTED, one per
-- promotion: its subject is the promotion), as a notice and (短信提醒) a text.
ALTER TABLE reminders DROP CONSTRAINT reminders_kind_check;
ALTER TABLE reminders
  ADD CONSTRAINT reminders_kind_check
    CHECK (kind IN ('CHECK_OUT', 'MIDNIGHT', 'EVE', 'HOUR_BEFORE', 'CANCELLED', 'MOVED', 'MESSAGE', 'PROMOTED'));
