-- Built-in backups of the embedded server (RULES §15): each base backup, how it was asked
-- for, and its verification. The backup folder's manifests are the truth a restore reads;
-- this table is what staff see. One scheduled backup a day across all nodes
-- (scheduled_for is unique).
CREATE TABLE backups
(
  id            TEXT PRIMARY KEY,
  kind          TEXT        NOT NULL CHECK (kind IN ('BASE')),
  trigger       TEXT        NOT NULL CHECK (trigger IN ('SCHEDULED', 'ON_DEMAND')),
  scheduled_for DATE UNIQUE,
  requested_by  UUID,
  started_at    TIMESTAMPTZ NOT NULL,
  finished_at   TIMESTAMPTZ,
  size_bytes    BIGINT,
  status        TEXT        NOT NULL CHECK (status IN ('RUNNING', 'VERIFIED', 'FAILED')),
  includes_key  BOOLEAN     NOT NULL DEFAULT false,
  problem       TEXT
);
CREATE INDEX backups_started_idx ON backups (started_at DESC);
-- One base backup at a time, whatever the node.
CREATE UNIQUE INDEX backups_one_running_key ON backups ((true)) WHERE status = 'RUNNING';
