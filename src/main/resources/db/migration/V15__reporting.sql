-- Rankings (RULES §10) sum the ledger per volunteer over an organization subtree and a
-- range of service dates. Partial months are read from the ledger through this index.
CREATE INDEX hours_entries_ranking_idx ON hours_entries (organization_id, service_date)
  INCLUDE (account_id, kind, minutes, recorded_at);

-- Whole months come from this summary: one row per organization, month and volunteer,
-- kept by the ledger's own insert (the ledger is append-only, so inserts are all there
-- is). A university's year is then ~12 rows per volunteer instead of every session
-- (docs/PERFORMANCE.md, "Rankings").
CREATE TABLE hours_monthly
(
  organization_id UUID NOT NULL,
  month           DATE NOT NULL CHECK (extract(day FROM month) = 1),
  account_id      UUID NOT NULL,
  credit_minutes  BIGINT NOT NULL,
  honor_minutes   BIGINT NOT NULL,
  last_credit_at  TIMESTAMPTZ,
  PRIMARY KEY (organization_id, month, account_id)
);

CREATE FUNCTION hours_monthly_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO hours_monthly AS m (organization_id, month, account_id, credit_minutes, honor_minutes, last_credit_at)
  VALUES (NEW.organization_id, date_trunc('month', NEW.service_date)::date, NEW.account_id,
          CASE WHEN NEW.kind = 'CREDIT' THEN NEW.minutes ELSE 0 END,
          CASE WHEN NEW.kind = 'HONOR' THEN NEW.minutes ELSE 0 END,
          CASE WHEN NEW.kind = 'CREDIT' THEN NEW.recorded_at END)
  ON CONFLICT (organization_id, month, account_id) DO UPDATE SET
    credit_minutes = m.credit_minutes + EXCLUDED.credit_minutes,
    honor_minutes = m.honor_minutes + EXCLUDED.honor_minutes,
    last_credit_at = GREATEST(m.last_credit_at, EXCLUDED.last_credit_at);
  RETURN NULL;
END $$;

CREATE TRIGGER hours_entries_monthly AFTER INSERT ON hours_entries
  FOR EACH ROW EXECUTE FUNCTION hours_monthly_add();

INSERT INTO hours_monthly (organization_id, month, account_id, credit_minutes, honor_minutes, last_credit_at)
SELECT organization_id, date_trunc('month', service_date)::date, account_id,
       COALESCE(sum(minutes) FILTER (WHERE kind = 'CREDIT'), 0),
       COALESCE(sum(minutes) FILTER (WHERE kind = 'HONOR'), 0),
       max(recorded_at) FILTER (WHERE kind = 'CREDIT')
FROM hours_entries GROUP BY 1, 2, 3;

-- Whole months read as an index-only scan.
CREATE INDEX hours_monthly_ranking_idx ON hours_monthly (organization_id, month)
  INCLUDE (account_id, credit_minutes, honor_minutes, last_credit_at);
