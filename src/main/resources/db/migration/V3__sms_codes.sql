-- One row per phone: the lock that settles the daily limit and the 60 s spacing (RULES §2).
CREATE TABLE sms_phone_quota
(
  phone_hash   BYTEA PRIMARY KEY,
  day          DATE        NOT NULL,
  sent_that_day INT        NOT NULL,
  last_sent_at TIMESTAMPTZ NOT NULL
);

-- Codes are kept only as keyed hashes.
CREATE TABLE sms_codes
(
  id             UUID PRIMARY KEY,
  phone_hash     BYTEA       NOT NULL,
  purpose        TEXT        NOT NULL CHECK (purpose IN ('REGISTER', 'RESET_PASSWORD', 'BIND_PHONE')),
  code_hash      BYTEA       NOT NULL,
  created_at     TIMESTAMPTZ NOT NULL,
  expires_at     TIMESTAMPTZ NOT NULL,
  wrong_attempts INT         NOT NULL DEFAULT 0,
  consumed_at    TIMESTAMPTZ
);
CREATE INDEX sms_codes_latest_idx ON sms_codes (phone_hash, purpose, created_at DESC);
