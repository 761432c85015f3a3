-- Names sort by pinyin where the server has ICU, else by code point.
DO $$
BEGIN
  CREATE COLLATION yixing_name (provider = icu, locale = 'zh');
EXCEPTION WHEN OTHERS THEN
  CREATE COLLATION yixing_name FROM "C";
END $$;

CREATE TABLE organizations
(
  id          UUID PRIMARY KEY,
  parent_id   UUID REFERENCES organizations (id),
  name        TEXT        NOT NULL COLLATE yixing_name,
  region_code TEXT        NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  visibility  TEXT        NOT NULL CHECK (visibility IN ('LISTED', 'HIDDEN')),
  description TEXT        NOT NULL DEFAULT '',
  contact     TEXT        NOT NULL DEFAULT '',
  created_by  UUID,
  created_at  TIMESTAMPTZ NOT NULL,
  updated_at  TIMESTAMPTZ NOT NULL,
  archived_at TIMESTAMPTZ
);
-- Sibling names are unique among organizations that are not archived.
CREATE UNIQUE INDEX organizations_sibling_name_key
  ON organizations (COALESCE(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name))
  WHERE archived_at IS NULL;
CREATE INDEX organizations_parent_idx ON organizations (parent_id);
-- Search (RULES §4): listed, not archived, by region prefix.
CREATE INDEX organizations_search_region_idx ON organizations (region_code text_pattern_ops, name)
  WHERE visibility = 'LISTED' AND archived_at IS NULL;

-- Closure table: one row per (ancestor, descendant) pair, including (x, x) at depth 0,
-- so that "in the subtree of X" is one indexed join.
CREATE TABLE organization_tree
(
  ancestor_id   UUID NOT NULL REFERENCES organizations (id),
  descendant_id UUID NOT NULL REFERENCES organizations (id),
  depth         INT  NOT NULL CHECK (depth >= 0),
  PRIMARY KEY (ancestor_id, descendant_id)
);
CREATE UNIQUE INDEX organization_tree_descendant_idx ON organization_tree (descendant_id, ancestor_id);

CREATE TABLE memberships
(
  organization_id UUID        NOT NULL REFERENCES organizations (id),
  account_id      UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  role            TEXT        NOT NULL CHECK (role IN ('MEMBER', 'ADMIN')),
  joined_at       TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (account_id, organization_id)
);
CREATE INDEX memberships_organization_idx ON memberships (organization_id, role);

CREATE TABLE membership_requests
(
  id              UUID PRIMARY KEY,
  organization_id UUID        NOT NULL REFERENCES organizations (id),
  account_id      UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  message         TEXT        NOT NULL DEFAULT '',
  status          TEXT        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
  reason          TEXT,
  created_at      TIMESTAMPTZ NOT NULL,
  decided_at      TIMESTAMPTZ,
  decided_by      UUID
);
-- One pending request per organization per volunteer (REQUEST_PENDING).
CREATE UNIQUE INDEX membership_requests_one_pending_key ON membership_requests (organization_id, account_id)
  WHERE status = 'PENDING';
CREATE INDEX membership_requests_organization_idx ON membership_requests (organization_id, status, created_at);
CREATE INDEX membership_requests_account_idx ON membership_requests (account_id, created_at DESC);
