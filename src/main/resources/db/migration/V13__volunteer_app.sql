-- The integrity agreement (诚信协议) that check-in must accept, by version. With no row the
-- built-in agreement of the attendance module applies (Agreements.BUILT_IN).
CREATE TABLE agreements
(
  version      TEXT PRIMARY KEY CHECK (length(version) BETWEEN 1 AND 50),
  text         TEXT        NOT NULL,
  published_at TIMESTAMPTZ NOT NULL
);

-- Sign-ups (报名, RULES §5): a sign-up holds one place of an activity with a capacity.
CREATE TABLE activity_sign_ups
(
  activity_id  UUID        NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  account_id   UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  signed_up_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (activity_id, account_id)
);
CREATE INDEX activity_sign_ups_account_idx ON activity_sign_ups (account_id);

-- Unknown sign-in codes looked up per account and 10-minute window, so that codes cannot be
-- enumerated through GET /activities/by-code (shared by all nodes).
CREATE TABLE check_in_code_misses
(
  account_id   UUID        NOT NULL,
  window_start TIMESTAMPTZ NOT NULL,
  misses       INT         NOT NULL,
  PRIMARY KEY (account_id, window_start)
);

-- A volunteer's notices (membership and makeup decisions), written by the notice module
-- from other modules' events; text is rendered at read time in the reader's language.
CREATE TABLE notices
(
  id         UUID PRIMARY KEY,
  account_id UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind       TEXT        NOT NULL,
  subject    TEXT        NOT NULL DEFAULT '',
  detail     TEXT        NOT NULL DEFAULT '',
  link       TEXT        NOT NULL DEFAULT '',
  created_at TIMESTAMPTZ NOT NULL,
  read_at    TIMESTAMPTZ
);
CREATE INDEX notices_account_idx ON notices (account_id, created_at DESC);

-- Page sign-in keeps its opaque token in a cookie: a browser session lasts 12 hours of
-- idleness, "remember me" 30 days; API tokens keep their 7 days.
ALTER TABLE access_tokens ADD COLUMN lifetime_seconds INT NOT NULL DEFAULT 604800;
