-- Many nodes on one PostgreSQL (issue 16): state that lived in one JVM moves here.

-- Per-address flood limits (shared/web/AbuseLimits): hits per key and window of real
-- time, the window numbered from the database's own clock, so that every node counts in
-- the same window and the dev tools' fixed clock does not freeze it. UNLOGGED: counters
-- of the last minutes need no crash safety (after a crash or a failover they start at 0).
CREATE UNLOGGED TABLE abuse_counters
(
  key          TEXT   NOT NULL,
  window_index BIGINT NOT NULL,
  hits         INT    NOT NULL,
  PRIMARY KEY (key, window_index)
);

-- What the outbox SMS gateway "sent" (local use and tests only; a real gateway sends),
-- readable from any node through the dev tools. Phone, code and text are sealed with the
-- PII key like every phone number; the phone's keyed hash finds them.
CREATE TABLE sms_outbox
(
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  phone_hash BYTEA       NOT NULL,
  purpose    TEXT        NOT NULL,
  sealed     BYTEA       NOT NULL,
  sent_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX sms_outbox_phone_idx ON sms_outbox (phone_hash, id DESC);

-- Idempotency-Key (identity/IdempotentRequests): the first answer to a POST carrying the
-- header, kept 24 hours per caller, so that a retry (a phone on a weak network, a client
-- after a timeout, a failover) returns it instead of doing the work twice. A row without
-- a status is a request still being answered.
CREATE TABLE idempotency_keys
(
  scope        TEXT        NOT NULL,
  key          TEXT        NOT NULL,
  request_hash BYTEA       NOT NULL,
  status       INT,
  content_type TEXT,
  location     TEXT,
  body         BYTEA,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
