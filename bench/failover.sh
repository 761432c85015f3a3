#!/usr/bin/env bash
# Failover on a real HA engine (issue 16): PostgreSQL with a primary and a synchronous
# standby managed by pg_auto_failover, all on loopback; Yixing on a multi-host JDBC URL
# (targetServerType=primary); a storm of check-ins and check-outs with Idempotency-Keys,
# retried by the client until answered 2xx; the primary killed (keeper and postmaster,
# SIGKILL) KILL_AFTER seconds into the storm.
#
#   sudo bash bench/failover.sh      (VOLUNTEERS=3000 THREADS=16 KILL_AFTER=5 by default)
#
# Reports: failover time (kill → the standby promoted and writable), what clients saw
# (failed attempts by kind, the longest request, the longest gap without any success),
# and the check: every check-in and check-out that got a 2xx is on the new primary
# (lost = 0), no volunteer has two sessions, every completed session has one credit.
# Needs root (it installs postgresql-15 and postgresql-15-auto-failover from the Debian
# archive when missing, and runs PostgreSQL as the postgres user). Results:
# target/bench/failover/ (report.txt, app.log, node logs, the monitor's events).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
VOLUNTEERS="${VOLUNTEERS:-3000}"
THREADS="${THREADS:-16}"
KILL_AFTER="${KILL_AFTER:-5}"
PORT="${PORT:-18081}"
CODE=778899
OUT="$ROOT/target/bench/failover"
D=/tmp/yixing-failover
PGV=15
PGBIN=/usr/lib/postgresql/$PGV/bin

if [ ! -x /usr/bin/pg_autoctl ] || [ ! -x "$PGBIN/postgres" ]; then
  echo "installing PostgreSQL $PGV and pg_auto_failover" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    postgresql-$PGV postgresql-$PGV-auto-failover pg-auto-failover-cli postgresql-client >/dev/null
fi

. "$ROOT/bench/jdk.sh"
[ -f target/yixing.jar ] || mvn -B -q package -DskipTests

# pg_autoctl keeps its configuration and state under XDG folders: inside $D, so that each
# run starts clean
as_pg() { runuser -u postgres -- env PATH="$PGBIN:$PATH" XDG_CONFIG_HOME="$D/xdg-config" XDG_DATA_HOME="$D/xdg-data" "$@"; }
state() { as_pg pg_autoctl show state --pgdata "$D/monitor" 2>/dev/null || true; }
now_ms() { date +%s%3N; }
cleanup() {
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null || true
  # pg_autoctl's workers rename themselves ("pg_autoctl: node active"): every pg_autoctl
  # of the postgres user goes, with the servers in $D
  pkill -u postgres -f 'pg_autoctl' 2>/dev/null || true
  pkill -u postgres -f "postgres -D $D" 2>/dev/null || true
  sleep 1
  pkill -9 -u postgres -f 'pg_autoctl' 2>/dev/null || true
  pkill -9 -u postgres -f "postgres -D $D" 2>/dev/null || true
}
trap cleanup EXIT
cleanup
sleep 1
rm -rf "$D" "$OUT"
mkdir -p "$D" "$OUT"
chown postgres:postgres "$D"

echo "monitor and two nodes on 127.0.0.1:6000-6002" >&2
MON="postgres://autoctl_node@127.0.0.1:6000/pg_auto_failover?sslmode=disable"
as_pg pg_autoctl create monitor --pgdata "$D/monitor" --pgport 6000 --hostname 127.0.0.1 --auth trust --no-ssl \
  >"$OUT/monitor-create.log" 2>&1
as_pg pg_autoctl run --pgdata "$D/monitor" >"$OUT/monitor.log" 2>&1 &
for _ in $(seq 1 30); do psql -h 127.0.0.1 -p 6000 -U postgres -d pg_auto_failover -Atc 'SELECT 1' >/dev/null 2>&1 && break; sleep 1; done
# Detection in seconds rather than the defaults' ~30 s; the trade-off is in docs/OPERATIONS.md.
psql -h 127.0.0.1 -p 6000 -U postgres -d pg_auto_failover -q <<'SQL'
ALTER SYSTEM SET pgautofailover.health_check_period = 1000;
ALTER SYSTEM SET pgautofailover.health_check_timeout = 1000;
ALTER SYSTEM SET pgautofailover.health_check_max_retries = 1;
ALTER SYSTEM SET pgautofailover.health_check_retry_delay = 500;
ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout = 3000;
-- how long the monitor waits for an unreachable primary to have demoted itself before the
-- standby may take writes (default 30 s): shorter is a faster failover, and a greater
-- risk that a primary cut off from the monitor (but not from clients) still takes writes
ALTER SYSTEM SET pgautofailover.primary_demote_timeout = 5000;
SELECT pg_reload_conf();
SQL
declare -A GROUP
for n in 1 2; do
  # each node in a process group of its own, so that killing it takes the keeper, its
  # workers (which restart PostgreSQL) and the server with all its backends at once
  setsid runuser -u postgres -- env PATH="$PGBIN:$PATH" XDG_CONFIG_HOME="$D/xdg-config" XDG_DATA_HOME="$D/xdg-data" \
    pg_autoctl create postgres --pgdata "$D/node$n" --pgport "600$n" --hostname 127.0.0.1 --name "node$n" \
    --dbname yixing --monitor "$MON" --auth trust --no-ssl --run >"$OUT/node$n.log" 2>&1 &
  GROUP[node$n]=$!
  sleep 8
done
for _ in $(seq 1 120); do
  # pg_basebackup waits for a checkpoint: ask for one rather than wait minutes
  psql -h 127.0.0.1 -p 6001 -U postgres -d yixing -qc 'CHECKPOINT' >/dev/null 2>&1 || true
  if state | grep -qE '\| +secondary +\| +secondary *$' && state | grep -qE '\| +primary +\| +primary *$'; then break; fi
  sleep 1
done
state | tee "$OUT/state-before.txt" >&2
grep -qE '\| +primary +\| +primary *$' "$OUT/state-before.txt" || { echo "no synchronous standby: see $OUT" >&2; exit 1; }
PRIMARY_URL="postgresql://postgres@127.0.0.1:6001,127.0.0.1:6002/yixing?target_session_attrs=read-write"
psql "$PRIMARY_URL" -Atc "SHOW synchronous_standby_names" | sed 's/^/synchronous_standby_names: /' >&2

echo "Yixing on the multi-host URL" >&2
YIXING_DB_URL="jdbc:postgresql://127.0.0.1:6001,127.0.0.1:6002/yixing?targetServerType=primary" \
YIXING_DB_USER=postgres YIXING_PII_KEY="$(head -c 32 /dev/urandom | base64)" YIXING_ABUSE_LIMITS=false \
  java ${JAVA_OPTS:-} -jar target/yixing.jar --server.port="$PORT" --yixing.data-dir="$OUT/data" >"$OUT/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 90); do curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 1; done
psql "$PRIMARY_URL" -q -v n="$VOLUNTEERS" -v code="$CODE" -f bench/seed.sql >/dev/null
psql "$PRIMARY_URL" -qc "CREATE TABLE IF NOT EXISTS failover_probe (at timestamptz)"

echo "storm: $VOLUNTEERS volunteers check in and out, $THREADS at a time; the primary dies after ${KILL_AFTER}s" >&2
java -cp bench/loadgen bench/loadgen/FailoverStorm.java "http://127.0.0.1:$PORT" "$VOLUNTEERS" "$CODE" 30.4745 114.3876 \
  "$THREADS" "$OUT/acknowledged.txt" >"$OUT/storm.json" 2>"$OUT/storm.err" &
STORM_PID=$!
sleep "$KILL_AFTER"
OLD=$(state | awk -F'|' '/read-write/ { gsub(/ /, "", $1); print $1; exit }')
NEW=$([ "$OLD" = node1 ] && echo node2 || echo node1)
KILLED_AT=$(now_ms)
kill -9 -- "-${GROUP[$OLD]}" 2>/dev/null || true
pkill -9 -f "postgres -D $D/$OLD" || true
sleep 1
if pgrep -f "postgres -D $D/$OLD" >/dev/null; then echo "$OLD is still running" >&2; exit 1; fi
echo "killed $OLD: keeper, its workers, the server and its backends (SIGKILL)" >&2
PROMOTED_AT=""
for _ in $(seq 1 1200); do
  # promoted = a write commits there (a promoted node may still wait for the old
  # synchronous standby until the monitor lets it go on alone)
  if timeout 1 psql -h 127.0.0.1 -p "600${NEW#node}" -U postgres -d yixing -qc 'INSERT INTO failover_probe VALUES (now())' >/dev/null 2>&1; then
    PROMOTED_AT=$(now_ms); break
  fi
  sleep 0.1
done
wait "$STORM_PID" || true
state | tee "$OUT/state-after.txt" >&2
as_pg pg_autoctl show events --pgdata "$D/monitor" --count 30 >"$OUT/events.txt" 2>&1 || true

NEW_URL="postgresql://postgres@127.0.0.1:600${NEW#node}/yixing"
psql "$NEW_URL" -q -c "CREATE TABLE IF NOT EXISTS failover_ack (session_id uuid, state text)" -c "TRUNCATE failover_ack"
psql "$NEW_URL" -q -c "\\copy failover_ack FROM '$OUT/acknowledged.txt' WITH (FORMAT text, DELIMITER ' ')"
# Credits are written by an event listener after each check-out; one the outage cut short
# is handed to it again after a minute (shared/EventResubmission).
for _ in $(seq 1 60); do
  missing=$(psql "$NEW_URL" -Atc "SELECT count(*) FROM attendance_sessions s WHERE s.status = 'COMPLETED'
    AND NOT EXISTS (SELECT 1 FROM hours_entries e WHERE e.session_id = s.id AND e.source = 'SESSION')")
  [ "$missing" = 0 ] && break
  sleep 3
done
read -r ACKED LOST NOT_COMPLETED DOUBLE NO_CREDIT TWICE_CREDITED <<<"$(psql "$NEW_URL" -At -F ' ' -c "
  SELECT (SELECT count(*) FROM failover_ack),
         (SELECT count(*) FROM failover_ack a WHERE NOT EXISTS (SELECT 1 FROM attendance_sessions s WHERE s.id = a.session_id)),
         (SELECT count(*) FROM failover_ack a JOIN attendance_sessions s ON s.id = a.session_id
            WHERE a.state = 'COMPLETED' AND s.status <> 'COMPLETED'),
         (SELECT count(*) FROM (SELECT account_id FROM attendance_sessions GROUP BY account_id HAVING count(*) > 1) x),
         (SELECT count(*) FROM attendance_sessions s WHERE s.status = 'COMPLETED'
            AND NOT EXISTS (SELECT 1 FROM hours_entries e WHERE e.session_id = s.id AND e.source = 'SESSION')),
         (SELECT count(*) FROM (SELECT session_id FROM hours_entries WHERE source = 'SESSION' GROUP BY session_id HAVING count(*) > 1) x)")"
FAILOVER_MS=$([ -n "$PROMOTED_AT" ] && echo $((PROMOTED_AT - KILLED_AT)) || echo "none")
{
  echo "primary killed: $OLD; $NEW took its first write ${FAILOVER_MS} ms later"
  echo "storm: $(cat "$OUT/storm.json")"
  echo "acknowledged (2xx) check-ins and check-outs: $ACKED; lost on the new primary: $LOST; acknowledged check-outs not completed: $NOT_COMPLETED"
  echo "volunteers with two sessions: $DOUBLE; completed sessions without a credit: $NO_CREDIT; sessions credited twice: $TWICE_CREDITED"
  echo "failover: ${FAILOVER_MS} ms, lost ${LOST}, duplicates ${DOUBLE}"
} | tee "$OUT/report.txt"
