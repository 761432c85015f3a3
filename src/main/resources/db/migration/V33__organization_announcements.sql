-- 组织公告 (RULES §4): an admin's announcement to the members of an organization and of
-- every organization below it (a training, a recruitment, a change of rules). Each member
-- is told once, by a notice; the organization's page shows the latest to its members.
CREATE TABLE organization_announcements
(
  id              UUID PRIMARY KEY,
  organization_id UUID        NOT NULL REFERENCES organizations (id),
  sent_by         UUID        NOT NULL,
  text            TEXT        NOT NULL CHECK (char_length(text) BETWEEN 1 AND 500),
  sent_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX organization_announcements_organization_idx ON organization_announcements (organization_id, sent_at);
