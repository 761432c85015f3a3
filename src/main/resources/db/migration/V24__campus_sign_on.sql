-- Campus single sign-on (RULES §14).

-- A university's (a top-level organization's) OpenID Connect provider. The client secret
-- is sealed with the PII key (pii_key_id names the key) and never returned.
CREATE TABLE campus_connections
(
  organization_id UUID PRIMARY KEY REFERENCES organizations (id),
  issuer          TEXT        NOT NULL,
  client_id       TEXT        NOT NULL,
  client_secret   BYTEA       NOT NULL,
  pii_key_id      TEXT,
  number_claim    TEXT        NOT NULL,
  label           TEXT        NOT NULL,
  auto_join       BOOLEAN     NOT NULL,
  enabled         BOOLEAN     NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL
);

-- Links between accounts and campus identities (identity module): one identity (issuer +
-- subject) per account, and one per account and university; the 学号/工号 kept with it.
CREATE TABLE campus_identities
(
  account_id      UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  organization_id UUID        NOT NULL,
  issuer          TEXT        NOT NULL,
  subject         TEXT        NOT NULL,
  number          TEXT,
  linked_at       TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (account_id, organization_id)
);
CREATE UNIQUE INDEX campus_identities_subject_idx ON campus_identities (issuer, subject);
CREATE INDEX campus_identities_organization_idx ON campus_identities (organization_id);

-- Authorization requests in flight, by their state: any node may receive the callback,
-- and each is taken once (a replayed callback finds nothing). browser_hash binds the
-- request to the browser that began it (a cookie), so that no one can finish another's.
CREATE TABLE campus_sign_on_requests
(
  state        TEXT PRIMARY KEY,
  browser_hash BYTEA       NOT NULL,
  request      BYTEA       NOT NULL,
  expires_at   TIMESTAMPTZ NOT NULL
);

-- A campus identity proven but not yet linked: its holder signs in with a password or
-- registers, then it links (the cookie holds the token, this table its hash).
CREATE TABLE campus_pending_links
(
  token_hash      BYTEA PRIMARY KEY,
  organization_id UUID        NOT NULL,
  issuer          TEXT        NOT NULL,
  subject         TEXT        NOT NULL,
  number          TEXT,
  expires_at      TIMESTAMPTZ NOT NULL
);

-- A membership approved by campus sign-on (auto-join) rather than by an admin.
ALTER TABLE membership_requests ADD COLUMN decided_via TEXT;
