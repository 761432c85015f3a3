-- Presence you can trust (RULES §12).

-- 签到方式: the sign-in code alone (CODE), the code with a token of the projected,
-- rotating QR (ROTATING_QR), or admins scanning the volunteers' personal codes
-- (ORGANIZER_SCAN).
ALTER TABLE activities
  ADD COLUMN check_in_mode TEXT NOT NULL DEFAULT 'CODE'
    CHECK (check_in_mode IN ('CODE', 'ROTATING_QR', 'ORGANIZER_SCAN'));

-- 我的签到码: the key a volunteer's device received while online, sealed with the PII key
-- like every secret; one key in force per volunteer (a new device's key revokes the old
-- one, which stays valid for scans made before it was revoked).
CREATE TABLE presence_keys
(
  id         TEXT PRIMARY KEY,
  account_id UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  secret     BYTEA       NOT NULL,
  pii_key_id TEXT        NOT NULL,
  issued_at  TIMESTAMPTZ NOT NULL,
  revoked_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX presence_keys_in_force_key ON presence_keys (account_id) WHERE revoked_at IS NULL;

-- A personal code's value is accepted once per direction: the primary key refuses a replay.
CREATE TABLE presence_code_uses
(
  key_id    TEXT        NOT NULL REFERENCES presence_keys (id) ON DELETE CASCADE,
  step      BIGINT      NOT NULL,
  direction TEXT        NOT NULL CHECK (direction IN ('IN', 'OUT')),
  used_at   TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (key_id, step, direction)
);

-- Sessions opened and closed by an admin's scan (SCAN), how each was closed, the risk
-- signals with their evidence, and an admin's void with its reason.
ALTER TABLE attendance_sessions DROP CONSTRAINT attendance_sessions_method_check;
ALTER TABLE attendance_sessions DROP CONSTRAINT attendance_sessions_position_check;
ALTER TABLE attendance_sessions
  ADD CONSTRAINT attendance_sessions_method_check CHECK (method IN ('QUICK', 'FACE', 'MANUAL', 'SCAN')),
  ADD CONSTRAINT attendance_sessions_position_check
    CHECK (method IN ('MANUAL', 'SCAN') OR (check_in_lat IS NOT NULL AND check_in_lng IS NOT NULL)),
  ADD COLUMN check_out_method TEXT CHECK (check_out_method IN ('MANUAL', 'SCAN')),
  ADD COLUMN risk_signals     TEXT[] NOT NULL DEFAULT '{}',
  ADD COLUMN risk_evidence    JSONB,
  ADD COLUMN voided_by        UUID,
  ADD COLUMN void_reason      TEXT,
  ADD CONSTRAINT attendance_sessions_void_check CHECK (voided_by IS NULL OR (status = 'VOID' AND void_reason IS NOT NULL));
UPDATE attendance_sessions SET check_out_method = 'MANUAL' WHERE check_out_by IS NOT NULL;

-- SAME_POSITION looks for another account at the same coordinates of the same activity,
-- IMPOSSIBLE_TRAVEL for the volunteer's previous located event (account_idx): by index.
CREATE INDEX attendance_sessions_check_in_position_idx ON attendance_sessions (activity_id, check_in_lat, check_in_lng);
CREATE INDEX attendance_sessions_check_out_position_idx ON attendance_sessions (activity_id, check_out_lat, check_out_lng)
  WHERE check_out_lat IS NOT NULL;

-- Every scan an admin's phone uploaded, once per scan id (idempotent uploads), with who
-- scanned, the phone's scan time, the measured clock offset, when it was judged for and
-- uploaded, and the outcome.
CREATE TABLE attendance_scans
(
  activity_id     UUID        NOT NULL REFERENCES activities (id),
  scan_id         TEXT        NOT NULL,
  scanned_by      UUID        NOT NULL,
  scanned_at      TIMESTAMPTZ NOT NULL,
  clock_offset_ms BIGINT      NOT NULL,
  judged_at       TIMESTAMPTZ NOT NULL,
  uploaded_at     TIMESTAMPTZ NOT NULL,
  account_id      UUID,
  outcome         TEXT        NOT NULL CHECK (outcome IN ('PENDING', 'CHECKED_IN', 'CHECKED_OUT', 'REFUSED')),
  code            TEXT,
  session_id      UUID,
  PRIMARY KEY (activity_id, scan_id)
);
CREATE INDEX attendance_scans_account_idx ON attendance_scans (account_id);
