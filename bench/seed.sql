-- Seeds the check-in rush: :n volunteers with known bearer tokens (bench-token-<i>, stored
-- as SHA-256 like every token), all members of one organization, and an activity in
-- progress with sign-in code :code and a 300 m circle. Accounts carry no real personal
-- data: their sealed ID numbers are placeholders, which check-in never reads.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO accounts (id, real_name, id_number_hash, id_number_sealed, id_number_masked, region_code, password_hash,
                      origin, created_at, updated_at)
SELECT md5('bench-account-' || i)::uuid, '压测志愿者' || i, sha256(convert_to('bench-id-' || i, 'UTF8')), '\x00'::bytea,
       '4201**********' || lpad((i % 10000)::text, 4, '0'), '420100', '{bench}unusable', 'DEMO', now(), now()
FROM generate_series(1, :n) i
ON CONFLICT DO NOTHING;
INSERT INTO access_tokens (token_hash, account_id, created_at, last_used_at, expires_at)
SELECT sha256(convert_to('bench-token-' || i, 'UTF8')), md5('bench-account-' || i)::uuid, now(), now(),
       now() + interval '7 days'
FROM generate_series(1, :n) i
ON CONFLICT DO NOTHING;
INSERT INTO organizations (id, name, region_code, visibility, created_at, updated_at)
VALUES ('00000000-0000-0000-0000-00000000b001', '压测大学', '420111', 'LISTED', now(), now())
ON CONFLICT DO NOTHING;
INSERT INTO organization_tree (ancestor_id, descendant_id, depth)
VALUES ('00000000-0000-0000-0000-00000000b001', '00000000-0000-0000-0000-00000000b001', 0)
ON CONFLICT DO NOTHING;
INSERT INTO memberships (organization_id, account_id, role, joined_at)
SELECT '00000000-0000-0000-0000-00000000b001', md5('bench-account-' || i)::uuid, 'MEMBER', now()
FROM generate_series(1, :n) i
ON CONFLICT DO NOTHING;
INSERT INTO activities (id, organization_id, title, description, place, lead_name, start_at, end_at, geofence,
                        members_only, check_in_opens_minutes_before, check_out_grace_minutes, check_in_code,
                        created_at, updated_at)
VALUES ('00000000-0000-0000-0000-00000000b002', '00000000-0000-0000-0000-00000000b001', '压测活动', '', '', '',
        now() - interval '10 minutes', now() + interval '3 hours',
        '{"type":"CIRCLE","center":{"lat":30.4745,"lng":114.3876},"radiusMeters":300.0}', true, 30, 30, :'code',
        now(), now())
ON CONFLICT DO NOTHING;
INSERT INTO check_in_codes (code, activity_id, reserved_until)
VALUES (:'code', '00000000-0000-0000-0000-00000000b002', now() + interval '3 hours')
ON CONFLICT DO NOTHING;
-- The baseline's table: pgbench inserts its "session rows" here.
CREATE TABLE IF NOT EXISTS bench_checkins
(
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  activity_id   UUID        NOT NULL,
  account_id    UUID        NOT NULL,
  device_id     TEXT        NOT NULL,
  checked_in_at TIMESTAMPTZ NOT NULL
);
COMMIT;
ANALYZE;
