-- Check-in sessions (RULES §6). A session is OPEN until checked out (COMPLETED) or until it
-- expires (VOID): expires_at is the earlier of the check-out deadline and the next 00:00
-- Asia/Shanghai after check-in; void_reason says which.
CREATE TABLE attendance_sessions
(
  id                      UUID PRIMARY KEY,
  activity_id             UUID             NOT NULL REFERENCES activities (id),
  organization_id         UUID             NOT NULL,
  account_id              UUID             NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  device_id               TEXT             NOT NULL,
  method                  TEXT             NOT NULL CHECK (method IN ('QUICK', 'FACE')),
  status                  TEXT             NOT NULL CHECK (status IN ('OPEN', 'COMPLETED', 'VOID')),
  agreement_version       TEXT             NOT NULL,
  checked_in_at           TIMESTAMPTZ      NOT NULL,
  check_in_lat            DOUBLE PRECISION NOT NULL,
  check_in_lng            DOUBLE PRECISION NOT NULL,
  check_in_accuracy_m     DOUBLE PRECISION,
  check_in_coordinates    TEXT             NOT NULL,
  expires_at              TIMESTAMPTZ      NOT NULL,
  expiry_reason           TEXT             NOT NULL CHECK (expiry_reason IN ('DEADLINE', 'MIDNIGHT')),
  checked_out_at          TIMESTAMPTZ,
  check_out_lat           DOUBLE PRECISION,
  check_out_lng           DOUBLE PRECISION,
  check_out_accuracy_m    DOUBLE PRECISION,
  credit_minutes          INT              NOT NULL DEFAULT 0 CHECK (credit_minutes >= 0),
  voided_at               TIMESTAMPTZ,
  CHECK (status <> 'COMPLETED' OR checked_out_at IS NOT NULL),
  CHECK (status = 'COMPLETED' OR credit_minutes = 0)
);
-- One open session per volunteer, whatever the device: the database settles races.
CREATE UNIQUE INDEX attendance_sessions_one_open_key ON attendance_sessions (account_id) WHERE status = 'OPEN';
CREATE INDEX attendance_sessions_expiry_idx ON attendance_sessions (expires_at) WHERE status = 'OPEN';
CREATE INDEX attendance_sessions_activity_idx ON attendance_sessions (activity_id, checked_in_at);
CREATE INDEX attendance_sessions_account_idx ON attendance_sessions (account_id, checked_in_at DESC);

-- Quick check-in: one phone, one account (the first to quick-check-in on it).
CREATE TABLE device_bindings
(
  device_id  TEXT PRIMARY KEY,
  account_id UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  bound_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX device_bindings_account_idx ON device_bindings (account_id);

CREATE TABLE session_ratings
(
  session_id UUID PRIMARY KEY REFERENCES attendance_sessions (id) ON DELETE CASCADE,
  stars      INT         NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment    TEXT        NOT NULL DEFAULT '',
  rated_at   TIMESTAMPTZ NOT NULL
);
