-- 活动通知 (RULES §13): an admin's message to an activity's volunteers, signed up or
-- checked in. Each is told once, by a notice (recorded as a reminder of kind MESSAGE,
-- whose text is never sent); the activity's page shows every message to them.
CREATE TABLE activity_messages
(
  id          UUID PRIMARY KEY,
  activity_id UUID        NOT NULL REFERENCES activities (id),
  sent_by     UUID        NOT NULL,
  text        TEXT        NOT NULL CHECK (char_length(text) BETWEEN 1 AND 500),
  sent_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX activity_messages_activity_idx ON activity_messages (activity_id, sent_at);

ALTER TABLE reminders DROP CONSTRAINT reminders_kind_check;
ALTER TABLE reminders
  ADD CONSTRAINT reminders_kind_check
    CHECK (kind IN ('CHECK_OUT', 'MIDNIGHT', 'EVE', 'HOUR_BEFORE', 'CANCELLED', 'MOVED', 'MESSAGE'));
