CREATE TABLE activities
(
  id                            UUID PRIMARY KEY,
  organization_id               UUID        NOT NULL REFERENCES organizations (id),
  title                         TEXT        NOT NULL,
  description                   TEXT        NOT NULL DEFAULT '',
  start_at                      TIMESTAMPTZ NOT NULL,
  end_at                        TIMESTAMPTZ NOT NULL,
  -- WGS-84: {"type":"CIRCLE","center":{...},"radiusMeters":n} or {"type":"POLYGON","points":[...]}
  geofence                      JSONB       NOT NULL,
  members_only                  BOOLEAN     NOT NULL,
  capacity                      INT CHECK (capacity > 0),
  check_in_opens_minutes_before INT         NOT NULL CHECK (check_in_opens_minutes_before BETWEEN 0 AND 1440),
  check_out_grace_minutes       INT         NOT NULL CHECK (check_out_grace_minutes BETWEEN 0 AND 1440),
  requires_insurance            BOOLEAN     NOT NULL DEFAULT FALSE,
  check_in_code                 CHAR(6)     NOT NULL,
  created_by                    UUID,
  created_at                    TIMESTAMPTZ NOT NULL,
  updated_at                    TIMESTAMPTZ NOT NULL,
  CHECK (end_at > start_at)
);
CREATE INDEX activities_organization_idx ON activities (organization_id, start_at DESC);

-- RULES §5: a sign-in code is unique among activities that have not ended. A code row is
-- held until its activity ends; after that another activity may take it over.
CREATE TABLE check_in_codes
(
  code           CHAR(6) PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  activity_id    UUID        NOT NULL UNIQUE REFERENCES activities (id) ON DELETE CASCADE,
  reserved_until TIMESTAMPTZ NOT NULL
);
