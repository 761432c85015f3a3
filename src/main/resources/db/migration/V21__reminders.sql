-- Reminders (RULES §13).

-- 签退提醒: how many minutes before its check-out deadline an open session is reminded;
-- 0 turns the reminder off.
ALTER TABLE activities
  ADD COLUMN reminder_minutes INT NOT NULL DEFAULT 15 CHECK (reminder_minutes BETWEEN 0 AND 1440);
-- The reminder job looks activities up by their end (check-out deadlines) and their start
-- (sign-up reminders), across all organizations.
CREATE INDEX activities_end_idx ON activities (end_at);
CREATE INDEX activities_start_idx ON activities (start_at);

-- Every reminder, recorded before anything is sent: the key is what makes each go
-- out once, whatever the number of nodes, restarts or overrunning runs. The subject is
-- the session (CHECK_OUT, MIDNIGHT) or the activity signed up for (EVE, HOUR_BEFORE).
-- moment_at is what the reminder is about: the deadline, midnight, the start. The notice
-- is written in the same transaction; the text message follows, with retries:
--   PENDING   to be sent at sms_next_at (attempts so far in sms_attempts)
--   SENT      delivered to the provider
--   OFF       the volunteer turned text reminders off
--   NO_PHONE  no phone bound
--   CAPPED    the phone had its 5 reminder texts that day
--   CANCELLED the session closed or the sign-up was cancelled before it could go
--   TOO_LATE  the moment passed before it could go
--   FAILED    the provider refused every attempt (sms_error says why)
CREATE TABLE reminders
(
  subject_id   UUID        NOT NULL,
  account_id   UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind         TEXT        NOT NULL CHECK (kind IN ('CHECK_OUT', 'MIDNIGHT', 'EVE', 'HOUR_BEFORE')),
  activity_id  UUID        NOT NULL,
  moment_at    TIMESTAMPTZ NOT NULL,
  recorded_at  TIMESTAMPTZ NOT NULL,
  sms_status   TEXT        NOT NULL CHECK (sms_status IN
                             ('PENDING', 'SENT', 'OFF', 'NO_PHONE', 'CAPPED', 'CANCELLED', 'TOO_LATE', 'FAILED')),
  sms_attempts INT         NOT NULL DEFAULT 0,
  sms_next_at  TIMESTAMPTZ,
  sms_at       TIMESTAMPTZ,
  sms_error    TEXT,
  -- Led by the volunteer: the key also finds a volunteer's reminders (export, erasure).
  PRIMARY KEY (account_id, subject_id, kind)
);
CREATE INDEX reminders_sms_due_idx ON reminders (sms_next_at) WHERE sms_status = 'PENDING';

-- 短信提醒 in 我的: text reminders are on unless the volunteer turned them off.
CREATE TABLE reminder_preferences
(
  account_id    UUID PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  sms_reminders BOOLEAN     NOT NULL,
  updated_at    TIMESTAMPTZ NOT NULL
);

-- Reminder texts per phone and Asia/Shanghai day (at most 5), apart from the verification
-- codes' quota (sms_phone_quota) that they never count toward.
CREATE TABLE sms_reminder_quota
(
  phone_hash BYTEA NOT NULL,
  day        DATE  NOT NULL,
  sent       INT   NOT NULL CHECK (sent BETWEEN 0 AND 5),
  PRIMARY KEY (phone_hash, day)
);
