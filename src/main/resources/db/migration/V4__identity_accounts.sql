-- ID numbers and phones are personal information (RULES §1): sealed with AES-GCM and
-- found through keyed hashes; only masks are stored in the clear.
CREATE TABLE accounts
(
  id                   UUID PRIMARY KEY,
  real_name            TEXT        NOT NULL,
  id_number_hash       BYTEA       NOT NULL,
  id_number_sealed     BYTEA       NOT NULL,
  id_number_masked     TEXT        NOT NULL,
  phone_hash           BYTEA,
  phone_sealed         BYTEA,
  phone_masked         TEXT,
  region_code          CHAR(6),
  password_hash        TEXT        NOT NULL,
  must_change_password BOOLEAN     NOT NULL DEFAULT FALSE,
  staff                BOOLEAN     NOT NULL DEFAULT FALSE,
  failed_logins        INT         NOT NULL DEFAULT 0,
  locked_until         TIMESTAMPTZ,
  security_question    TEXT,
  security_answer_hash TEXT,
  origin               TEXT        NOT NULL CHECK (origin IN ('REGISTRATION', 'ROSTER_IMPORT', 'BOOTSTRAP', 'DEMO')),
  created_at           TIMESTAMPTZ NOT NULL,
  updated_at           TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX accounts_id_number_key ON accounts (id_number_hash);
CREATE UNIQUE INDEX accounts_phone_key ON accounts (phone_hash) WHERE phone_hash IS NOT NULL;

-- Opaque bearer tokens, stored as SHA-256 hashes.
CREATE TABLE access_tokens
(
  token_hash   BYTEA PRIMARY KEY,
  account_id   UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at   TIMESTAMPTZ NOT NULL,
  last_used_at TIMESTAMPTZ NOT NULL,
  expires_at   TIMESTAMPTZ NOT NULL,
  revoked_at   TIMESTAMPTZ
);
CREATE INDEX access_tokens_account_idx ON access_tokens (account_id);

-- Recovery by handheld-ID photo (RULES §3): photo and new phone sealed, reviewed by staff.
CREATE TABLE id_photo_reviews
(
  id                 UUID PRIMARY KEY,
  account_id         UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  real_name          TEXT        NOT NULL,
  new_phone_sealed   BYTEA       NOT NULL,
  new_phone_masked   TEXT        NOT NULL,
  photo_sealed       BYTEA       NOT NULL,
  photo_content_type TEXT        NOT NULL,
  status             TEXT        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
  reason             TEXT,
  created_at         TIMESTAMPTZ NOT NULL,
  decided_at         TIMESTAMPTZ,
  decided_by         UUID REFERENCES accounts (id)
);
CREATE INDEX id_photo_reviews_status_idx ON id_photo_reviews (status, created_at);
