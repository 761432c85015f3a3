-- Rankings (RULES §10) sum the ledger per volunteer over an organization subtree and a
-- range of service dates: one index-only scan of this index, whatever the ledger's size.
CREATE INDEX hours_entries_ranking_idx ON hours_entries (organization_id, service_date)
  INCLUDE (account_id, kind, minutes, recorded_at, activity_id);
