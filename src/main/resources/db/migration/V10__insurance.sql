-- Volunteer insurance (RULES §9, 志愿服务条例 Art. 17).
CREATE SEQUENCE insurance_policy_number_seq;

CREATE TABLE insurance_products
(
  id                        UUID PRIMARY KEY,
  insurer                   TEXT        NOT NULL,
  plan_name                 TEXT        NOT NULL,
  coverage_summary          TEXT        NOT NULL,
  coverage_start            DATE        NOT NULL,
  coverage_end              DATE        NOT NULL,
  -- Empty: every volunteer; else members of these organizations or of any below them.
  eligible_organization_ids UUID[]      NOT NULL DEFAULT '{}',
  created_by                UUID,
  created_at                TIMESTAMPTZ NOT NULL,
  CHECK (coverage_end >= coverage_start)
);

CREATE TABLE insurance_policies
(
  id             UUID PRIMARY KEY,
  product_id     UUID        NOT NULL REFERENCES insurance_products (id),
  account_id     UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  policy_number  TEXT        NOT NULL UNIQUE,
  coverage_start DATE        NOT NULL,
  coverage_end   DATE        NOT NULL,
  claimed_at     TIMESTAMPTZ NOT NULL,
  -- Claiming a product again returns the existing policy, also under double clicks.
  UNIQUE (product_id, account_id)
);
CREATE INDEX insurance_policies_coverage_idx ON insurance_policies (account_id, coverage_start, coverage_end);
