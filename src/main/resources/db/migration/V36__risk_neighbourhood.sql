-- What the risk signals (RULES §12) look at around a located check-in or check-out, in one
-- place for check-in's first statement and check-out alike: another account of the same
-- activity that checked in or out within `within` degrees of (lat, lng), and the
-- volunteer's latest located event at or before `at_time`.
--
-- It was one statement sent as it is, and PostgreSQL planned it anew at every check-out
-- (issue 25): knowing the coordinates, a custom plan looks cheaper than the plan made
-- without them, so a prepared statement never settles on one. Planning it cost 0.35 ms of
-- the server's CPU per call, several times its execution; and where many sessions share a
-- position (a venue's Wi-Fi fix, the benchmark's volunteers) the custom plan read the
-- table from the start, hoping to meet a match soon, which over a large table with no match
-- is a scan of it all. PL/pgSQL keeps the query's plan for the connection, and
-- force_generic_plan makes that plan the one without values: the position indexes and the
-- volunteer's index, at every call.
CREATE FUNCTION attendance_neighbourhood(activity uuid, account uuid, lat double precision,
    lng double precision, within double precision, at_time timestamptz)
  RETURNS TABLE (same_position uuid, previous_in_at timestamptz, previous_in_lat double precision,
    previous_in_lng double precision, previous_out_at timestamptz, previous_out_lat double precision,
    previous_out_lng double precision)
  LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 1
  SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN QUERY SELECT COALESCE(
      (SELECT s.account_id FROM attendance_sessions s WHERE s.activity_id = activity AND s.account_id <> account
        AND s.check_in_lat BETWEEN lat - within AND lat + within
        AND s.check_in_lng BETWEEN lng - within AND lng + within LIMIT 1),
      (SELECT s.account_id FROM attendance_sessions s WHERE s.activity_id = activity AND s.account_id <> account
        AND s.check_out_lat BETWEEN lat - within AND lat + within
        AND s.check_out_lng BETWEEN lng - within AND lng + within LIMIT 1)),
    p.checked_in_at, p.check_in_lat, p.check_in_lng, p.checked_out_at, p.check_out_lat, p.check_out_lng
  FROM (VALUES (1)) AS one LEFT JOIN LATERAL (
    SELECT s.checked_in_at, s.check_in_lat, s.check_in_lng, s.checked_out_at, s.check_out_lat, s.check_out_lng
    FROM attendance_sessions s
    WHERE s.account_id = account AND s.checked_in_at <= at_time AND s.check_in_lat IS NOT NULL
    ORDER BY s.checked_in_at DESC LIMIT 1) AS p ON true;
END
$$;
