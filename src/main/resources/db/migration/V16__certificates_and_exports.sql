-- Service-record certificates (志愿服务记录证明, RULES §10). A certificate's code is 128
-- random bits (the id below) followed by a 128-bit HMAC of them under the certificate key,
-- so a forged or altered code is refused before any row is read. The key itself is random,
-- made once, and kept sealed under the PII key: a PII key rotation re-seals it, and codes
-- printed years ago still verify.
CREATE TABLE certificate_keys
(
  id         SMALLINT PRIMARY KEY CHECK (id = 1),
  sealed_key BYTEA       NOT NULL,
  pii_key_id TEXT        NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE certificates
(
  id                 BYTEA PRIMARY KEY CHECK (length(id) = 16),
  number             TEXT        NOT NULL UNIQUE,
  account_id         UUID        NOT NULL REFERENCES accounts (id),
  -- the issuing organization (the certificate covers its subtree); NULL: the platform, all records
  organization_id    UUID REFERENCES organizations (id),
  issuer_name        TEXT        NOT NULL,
  holder_name_masked TEXT        NOT NULL,
  credit_minutes     BIGINT      NOT NULL,
  honor_minutes      BIGINT      NOT NULL,
  -- how many ledger entries it covered: the ledger is append-only, so more entries in the
  -- same scope later means the certificate has been superseded
  entry_count        INT         NOT NULL,
  issued_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX certificates_account_idx ON certificates (account_id, issued_at DESC);

-- 第二课堂 credit: each organization may set how its volunteers' minutes become credits;
-- an organization without a rule uses the nearest ancestor's, else the default.
CREATE TABLE second_classroom_rules
(
  organization_id    UUID PRIMARY KEY REFERENCES organizations (id),
  minutes_per_credit INT          NOT NULL CHECK (minutes_per_credit BETWEEN 1 AND 100000),
  include_honor      BOOLEAN      NOT NULL,
  max_credits        NUMERIC(6, 1) CHECK (max_credits > 0),
  updated_by         UUID,
  updated_at         TIMESTAMPTZ  NOT NULL
);

-- Exports of service records read one organization subtree's ledger over a date range.
-- hours_entries_ranking_idx (organization_id, service_date) serves them.
