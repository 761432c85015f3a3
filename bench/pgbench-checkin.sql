-- The database's own limit for a check-in: the minimal equivalent work in one transaction.
-- Look up the activity by its code, check membership through the closure table, insert
-- one session row, commit. Run with -D n=<volunteers> -D code=<6 digits>.
\set i random(1, :n)
BEGIN;
SELECT a.id, a.organization_id, a.start_at, a.end_at, a.geofence, a.members_only
  FROM check_in_codes c JOIN activities a ON a.id = c.activity_id WHERE c.code = lpad(:code::text, 6, '0');
SELECT EXISTS (SELECT 1 FROM memberships m
  JOIN organization_tree t ON t.descendant_id = m.organization_id AND t.ancestor_id = '00000000-0000-0000-0000-00000000b001'
  WHERE m.account_id = md5('bench-account-' || :i)::uuid);
INSERT INTO bench_checkins (activity_id, account_id, device_id, checked_in_at)
  VALUES ('00000000-0000-0000-0000-00000000b002', md5('bench-account-' || :i)::uuid, 'bench-device-' || :i, now());
COMMIT;
