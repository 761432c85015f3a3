-- Grows attendance_sessions to :target rows with completed sessions of an ended activity.
\set ON_ERROR_STOP on
INSERT INTO activities (id, organization_id, title, description, place, lead_name, start_at, end_at, geofence,
                        members_only, check_in_opens_minutes_before, check_out_grace_minutes, check_in_code,
                        created_at, updated_at)
VALUES ('00000000-0000-0000-0000-00000000b003', '00000000-0000-0000-0000-00000000b001', '往期活动', '', '', '',
        now() - interval '30 days', now() - interval '30 days' + interval '2 hours',
        '{"type":"CIRCLE","center":{"lat":30.4745,"lng":114.3876},"radiusMeters":300.0}', true, 30, 30, '000001',
        now(), now())
ON CONFLICT DO NOTHING;
SELECT greatest(0, :target - count(*)) AS missing FROM attendance_sessions \gset
INSERT INTO attendance_sessions (id, activity_id, organization_id, account_id, device_id, method, status,
                                 agreement_version, checked_in_at, check_in_lat, check_in_lng, check_in_coordinates,
                                 expires_at, expiry_reason, checked_out_at, credit_minutes)
SELECT gen_random_uuid(), '00000000-0000-0000-0000-00000000b003', '00000000-0000-0000-0000-00000000b001',
       md5('bench-account-' || (1 + i % :n))::uuid, 'bench-device-' || (1 + i % :n), 'QUICK', 'COMPLETED', '2026-01',
       now() - interval '30 days' - (i % 1000) * interval '1 minute', 30.4745, 114.3876, 'WGS84',
       now() - interval '29 days', 'DEADLINE', now() - interval '30 days' + interval '1 hour', 60
FROM generate_series(1, :missing) i;
ANALYZE attendance_sessions;
