-- The hours ledger (RULES §8): append-only. Credit entries come only from completed
-- sessions (one per session), honor entries only from admins; a correction is a new entry
-- that references the one it corrects.
CREATE TABLE hours_entries
(
  id                UUID PRIMARY KEY,
  account_id        UUID        NOT NULL REFERENCES accounts (id),
  kind              TEXT        NOT NULL CHECK (kind IN ('CREDIT', 'HONOR')),
  source            TEXT        NOT NULL CHECK (source IN ('SESSION', 'MAKEUP', 'CORRECTION')),
  minutes           INT         NOT NULL,
  session_id        UUID,
  organization_id   UUID        NOT NULL,
  organization_name TEXT        NOT NULL,
  activity_id       UUID,
  activity_title    TEXT        NOT NULL DEFAULT '',
  service_date      DATE        NOT NULL,
  place             TEXT        NOT NULL DEFAULT '',
  content           TEXT        NOT NULL DEFAULT '',
  activity_lead     TEXT        NOT NULL DEFAULT '',
  reason            TEXT,
  description       TEXT        NOT NULL DEFAULT '',
  evidence          TEXT,
  corrects_entry_id UUID REFERENCES hours_entries (id),
  recorded_by       UUID,
  recorded_at       TIMESTAMPTZ NOT NULL,
  CHECK (kind = 'HONOR' OR (source = 'SESSION' AND session_id IS NOT NULL AND minutes >= 0)),
  CHECK (kind = 'CREDIT' OR source IN ('MAKEUP', 'CORRECTION'))
);
-- Exactly one credit entry per session, however often the event is delivered.
CREATE UNIQUE INDEX hours_entries_one_per_session_key ON hours_entries (session_id) WHERE source = 'SESSION';
CREATE INDEX hours_entries_account_idx ON hours_entries (account_id, recorded_at DESC);

CREATE FUNCTION hours_entries_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'hours_entries is an append-only ledger: add a correcting entry instead';
END $$;
CREATE TRIGGER hours_entries_no_update_or_delete BEFORE UPDATE OR DELETE ON hours_entries
  FOR EACH ROW EXECUTE FUNCTION hours_entries_are_append_only();

-- Makeup requests (工时补录) by volunteers, decided by admins.
CREATE TABLE makeup_requests
(
  id              UUID PRIMARY KEY,
  account_id      UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  organization_id UUID        NOT NULL,
  minutes         INT         NOT NULL CHECK (minutes > 0),
  reason          TEXT        NOT NULL,
  description     TEXT        NOT NULL,
  activity_id     UUID,
  session_id      UUID,
  evidence        TEXT,
  status          TEXT        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
  decision_reason TEXT,
  entry_id        UUID REFERENCES hours_entries (id),
  created_at      TIMESTAMPTZ NOT NULL,
  decided_at      TIMESTAMPTZ,
  decided_by      UUID
);
CREATE INDEX makeup_requests_organization_idx ON makeup_requests (organization_id, status, created_at);
CREATE INDEX makeup_requests_account_idx ON makeup_requests (account_id, created_at DESC);
