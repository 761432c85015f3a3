-- Face check-in (RULES §7). The biometric consent (PIPL Art. 29) is recorded apart from
-- the template: each consent with its version and time, and when it was withdrawn.
CREATE TABLE face_consents
(
  id           UUID PRIMARY KEY,
  account_id   UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  version      TEXT        NOT NULL,
  given_at     TIMESTAMPTZ NOT NULL,
  withdrawn_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX face_consents_active_key ON face_consents (account_id) WHERE withdrawn_at IS NULL;

-- One template per volunteer: the descriptor sealed with the PII key (never returned),
-- which model made it, when it was enrolled, when the first face check-in succeeded (after
-- which the volunteer cannot replace it) and the comparisons failed in a row.
CREATE TABLE face_templates
(
  account_id  UUID PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  template    BYTEA       NOT NULL,
  pii_key_id  TEXT        NOT NULL,
  model       TEXT        NOT NULL,
  enrolled_at TIMESTAMPTZ NOT NULL,
  locked_at   TIMESTAMPTZ,
  mismatches  INT         NOT NULL DEFAULT 0 CHECK (mismatches >= 0)
);

-- Re-enrolments flagged to the organization's admins: after three failed comparisons in a
-- row, or after a locked template was withdrawn.
CREATE TABLE face_reenrolments
(
  id              UUID PRIMARY KEY,
  account_id      UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  organization_id UUID        REFERENCES organizations (id),
  activity_id     UUID,
  reason          TEXT        NOT NULL CHECK (reason IN ('MISMATCHES', 'WITHDRAWN')),
  flagged_at      TIMESTAMPTZ NOT NULL,
  reenrolled_at   TIMESTAMPTZ
);
CREATE INDEX face_reenrolments_organization_idx ON face_reenrolments (organization_id, flagged_at DESC);
CREATE INDEX face_reenrolments_account_idx ON face_reenrolments (account_id) WHERE reenrolled_at IS NULL;

-- The non-face route: an admin on site checks a volunteer in or out by hand, with a
-- reason. Such a session has no position of its own and is marked MANUAL.
ALTER TABLE attendance_sessions DROP CONSTRAINT attendance_sessions_method_check;
ALTER TABLE attendance_sessions
  ADD CONSTRAINT attendance_sessions_method_check CHECK (method IN ('QUICK', 'FACE', 'MANUAL'));
ALTER TABLE attendance_sessions
  ALTER COLUMN check_in_lat DROP NOT NULL,
  ALTER COLUMN check_in_lng DROP NOT NULL,
  ALTER COLUMN check_in_coordinates DROP NOT NULL,
  ADD COLUMN check_in_by       UUID,
  ADD COLUMN check_in_reason   TEXT,
  ADD COLUMN check_out_by      UUID,
  ADD COLUMN check_out_reason  TEXT,
  ADD CONSTRAINT attendance_sessions_manual_check
    CHECK (method <> 'MANUAL' OR (check_in_by IS NOT NULL AND check_in_reason IS NOT NULL)),
  ADD CONSTRAINT attendance_sessions_position_check
    CHECK (method = 'MANUAL' OR (check_in_lat IS NOT NULL AND check_in_lng IS NOT NULL));
