#!/usr/bin/env bash
# The 8:00 check-in rush, measured against the database's own limit on the same machine.
#
#   bash bench/checkin-rush.sh            (VOLUNTEERS=5000 LEVELS="16 64 256" by default)
#
# 1. builds the jar and starts Yixing on its embedded PostgreSQL (fresh data folder);
# 2. seeds VOLUNTEERS members of one organization, their bearer tokens, an activity in
#    progress with a 300 m circle (bench/seed.sql);
# 3. after a JIT warm-up (WARMUP_ROUNDS=8), per concurrency level: every volunteer checks
#    in once (1 in 20 stands outside the fence and is told OUT_OF_RANGE), then checks out
#    (bench/loadgen/CheckinRush.java); CPU of the application, PostgreSQL and the client;
# 4. the baseline in the same run: pgbench with bench/pgbench-checkin.sql (look up the
#    activity by code, check membership, insert one session row, commit) at the same
#    client counts against the same PostgreSQL, each level right after the application's:
#    first the same work as the application's check-in phase (VOLUNTEERS transactions,
#    the ratio's baseline), then for PGBENCH_SECONDS (15), the only baseline until the
#    evening of 2026-12-03;
#    each starts right after a checkpoint, as the application's phase does;
# 5. the saturated rate: an open loop offered 150 % of the best closed-loop rate; then two
#    open-loop runs at 80 % of the saturated rate (latency from each request's due time);
# 6. growth: the same two runs with 10,000 and with 1,000,000 sessions in the table;
# 7. face: FACE_CHECK_INS (200) volunteers enrol a face and check in by face with a
#    640x480 camera frame on the same server (0 skips it), and its RSS 15 s and 60 s later;
# 8. startup time, RSS 2 s after ready, server CPU and RSS under load.
# BARE=on adds a second baseline at every level, right after pgbench: pgbench's same
# transaction served over HTTP by a bare Spring Boot application (bench/checkin-rush-bare:
# Spring Boot's default web stack, none of Yixing's rules, security, validation or
# metrics), warmed up like Yixing and driven by the same load generator (check-ins only),
# against the same PostgreSQL. It shows what the web stack alone costs a check-in here.
# Every measured phase starts settled (settle_database in bench/rush-lib.sh).
# Results: target/bench/checkin-rush/ (results.jsonl, report.md, timeline.txt, app.log, JFR
# recording unless JFR=off).
# STATEMENTS=on loads pg_stat_statements into the embedded server and writes, for every
# measured phase, where PostgreSQL's time went statement by statement, executing and
# planning (statements-<phase>.txt: a statement planned about as often as it is called is
# planned anew each time); it costs some throughput, so the headline runs leave it off.
# OPEN_LOOP=off stops after the closed loops and pgbench (steps 5 and 6 skipped): a quicker
# comparison of two builds or settings.
# IDLE_RUSH_RATE=<req/s> adds three open-loop runs at that rate, each after the server has
# idled for IDLE_SECONDS (45): the first seconds of a rush that meets an idle server.
# APP_ARGS / JAVA_OPTS pass extra arguments to the application (e.g. APP_ARGS=--yixing.db.pool-size=8).
# The last line reads: checkin-rush: app <N> req/s, pgbench <M> tps, ratio <R>, p99 <L> ms, errors <E>
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
VOLUNTEERS="${VOLUNTEERS:-5000}"
LEVELS="${LEVELS:-16 64 256}"
PGBENCH_SECONDS="${PGBENCH_SECONDS:-15}"
WARMUP_ROUNDS="${WARMUP_ROUNDS:-8}"
GROWTH_ROWS="${GROWTH_ROWS:-1000000}"
FACE_CHECK_INS="${FACE_CHECK_INS:-200}"
PORT="${PORT:-18080}"
CODE=777777
OUT="$ROOT/target/bench/checkin-rush"

. "$ROOT/bench/jdk.sh"
PGBENCH="$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)"
if [ -z "$PGBENCH" ] || ! command -v psql >/dev/null; then
  echo "installing the PostgreSQL client tools (psql, pgbench)" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq postgresql-client postgresql-contrib >/dev/null; fi
  PGBENCH="$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -1)"
fi

rm -rf "$OUT" && mkdir -p "$OUT"
echo "== building" >&2
mvn -B -q -DskipTests package >/dev/null
echo "== starting Yixing" >&2
JFR_OPTS=""
STATEMENT_ARGS=""
if [ "${STATEMENTS:-off}" = "on" ]; then
  STATEMENT_ARGS="--yixing.db.embedded-settings.shared_preload_libraries=pg_stat_statements --yixing.db.embedded-settings[pg_stat_statements.track_planning]=on"
fi
if [ "${JFR:-on}" = "on" ]; then JFR_OPTS="-XX:StartFlightRecording=filename=$OUT/app.jfr,settings=profile,dumponexit=true"; fi
# shellcheck disable=SC2086
java $JFR_OPTS ${JAVA_OPTS:-} -jar target/yixing.jar ${APP_ARGS:-} $STATEMENT_ARGS --server.port="$PORT" --yixing.data-dir="$OUT/data" --yixing.abuse-limits=false \
  --yixing.dev-tools=false --yixing.demo-data=false --logging.level.org.yixing=WARN \
  --logging.level.org.yixing.shared.web.StartupReport=INFO --logging.level.org.yixing.shared.db=INFO \
  >"$OUT/app.log" 2>&1 &
APP=$!
BARE_PID=""
trap 'kill $APP $BARE_PID 2>/dev/null; wait $APP $BARE_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q "Yixing ready" "$OUT/app.log" && break; sleep 0.5; done
grep -q "Yixing ready" "$OUT/app.log" || { cat "$OUT/app.log" >&2; exit 1; }
STARTUP_MS=$(grep -o "ready at [^ ]* in [0-9]* ms" "$OUT/app.log" | tail -1 | awk '{print $5}')
PGPORT=$(grep -o "Embedded PostgreSQL started on port [0-9]*" "$OUT/app.log" | tail -1 | awk '{print $6}')
sleep 2
IDLE_RSS_KB=$(awk '/VmRSS/ {print $2}' /proc/$APP/status)
# The embedded server asks for its superuser's password (docs/OPERATIONS.md).
PGPASSWORD=$(cat "$OUT/data/postgres/yixing-superuser.password")
export PGHOST=127.0.0.1 PGPORT PGUSER=postgres PGDATABASE=yixing PGPASSWORD
. "$ROOT/bench/rush-lib.sh"
# The measured server: Yixing, or the bare baseline while its phases run (MEASURED).
cpu_seconds() { process_cpu_seconds "${MEASURED:-$APP}"; }
pg_cpu_seconds() { postgres_cpu_seconds "$OUT/data/postgres"; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/${MEASURED:-$APP}/status"; }
# What the resident set is made of: the heap and native memory (anonymous), and files
# mapped in (the jar's classes, the start-up cache, native libraries).
rss_parts() { awk '/RssAnon/ {a = $2} /RssFile/ {f = $2} END {printf "anonymous %d MiB, files %d MiB", a / 1024, f / 1024}' "/proc/${MEASURED:-$APP}/status"; }

echo "== seeding $VOLUNTEERS volunteers" >&2
psql -q -v n="$VOLUNTEERS" -v code="$CODE" -f bench/seed.sql >/dev/null
if [ -n "$STATEMENT_ARGS" ]; then psql -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"; fi
# PostgreSQL's time by statement since the last reset, per transaction of the phase (for
# the application: per request, check-ins and check-outs together).
statements() { # file, divisor
  [ -n "$STATEMENT_ARGS" ] || return 0
  psql -P pager=off -v per="$2" -f - >"$1" <<'SQL'
SELECT round((total_exec_time / :per)::numeric, 4) AS ms_per_txn, calls,
       round((total_exec_time / greatest(calls, 1))::numeric, 4) AS ms_per_call,
       round(((shared_blks_hit + shared_blks_read)::numeric / greatest(calls, 1)), 1) AS blocks_per_call,
       round((wal_records::numeric / greatest(calls, 1)), 1) AS wal_records_per_call,
       plans, round((total_plan_time / greatest(plans, 1))::numeric, 4) AS ms_per_plan,
       left(regexp_replace(query, '\s+', ' ', 'g'), 160) AS query
  FROM pg_stat_statements WHERE calls > 0 ORDER BY total_exec_time DESC LIMIT 25;
SELECT round((sum(total_exec_time) / :per)::numeric, 4) AS total_ms_per_txn,
       round((sum(total_plan_time) / :per)::numeric, 4) AS planning_ms_per_txn,
       round((sum(wal_records)::numeric / :per), 1) AS wal_records_per_txn,
       round((sum(wal_bytes)::numeric / :per), 0) AS wal_bytes_per_txn
  FROM pg_stat_statements;
SQL
}
reset_statements() { [ -z "$STATEMENT_ARGS" ] || psql -qAtc "SELECT pg_stat_statements_reset()" >/dev/null; }
mkdir -p "$OUT/loadgen" && javac -d "$OUT/loadgen" bench/loadgen/CheckinRush.java
loadgen() { echo "java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m -cp $OUT/loadgen CheckinRush http://127.0.0.1:$1 $VOLUNTEERS $CODE 30.4745 114.3876"; }
LOADGEN=$(loadgen "$PORT")
RESULTS="$OUT/results.jsonl"
: >"$RESULTS"
settle() { settle_database psql; }
run() { # label, then loadgen args
  local label="$1"; shift
  settle
  echo "# $label" >>"$OUT/timeline.txt"
  local cpu0 cpu1 t0 t1
  reset_statements
  cpu0=$(cpu_seconds); pg0=$(pg_cpu_seconds); t0=$(date +%s.%N)
  # each phase's line comes as the phase ends: the CPU counters then split check-in from check-out
  ${RUN_LOADGEN:-$LOADGEN} "$@" 2>>"$OUT/timeline.txt" | while read -r line; do echo "{\"label\":\"$label\",\"serverRssKb\":$(rss_kb),\"appCpuAt\":$(cpu_seconds),\"pgCpuAt\":$(pg_cpu_seconds),${line#\{}"; done >>"$RESULTS"
  cpu1=$(cpu_seconds); pg1=$(pg_cpu_seconds); t1=$(date +%s.%N)
  statements "$OUT/statements-$label.txt" "$(tail -2 "$RESULTS" | /usr/bin/python3 -c "import sys, json; print(sum(json.loads(l).get('requests', 0) for l in sys.stdin) or 1)")"
  echo "{\"label\":\"$label\",\"phase\":\"server\",\"cpuSeconds\":$(awk "BEGIN {print $cpu1 - $cpu0}"),\"pgCpuSeconds\":$(awk "BEGIN {print $pg1 - $pg0}"),\"wallSeconds\":$(awk "BEGIN {print $t1 - $t0}"),\"startedAt\":$t0,\"appCpu0\":$cpu0,\"pgCpu0\":$pg0}" >>"$RESULTS"
}

# Warm-up: the JIT needs some 50,000 requests on 2 cores before the application's CPU per
# request stops falling (1.6 ms in the first round, 0.6 ms from the sixth); every round
# checks everyone in and out again.
echo "== warming up: $WARMUP_ROUNDS rounds of $VOLUNTEERS check-ins and check-outs" >&2
for _ in $(seq 1 "$WARMUP_ROUNDS"); do $LOADGEN closed 64 >/dev/null; done
if [ "${BARE:-off}" = "on" ]; then
  BARE_PORT=$((PORT + 1))
  echo "== building and starting the bare baseline, warming it up the same way (check-ins only)" >&2
  mvn -B -q -DskipTests -f bench/checkin-rush-bare/pom.xml package >/dev/null
  java -jar bench/checkin-rush-bare/target/checkin-rush-bare.jar --server.port="$BARE_PORT" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PGPORT/yixing" --spring.datasource.password="$PGPASSWORD" \
    >"$OUT/bare.log" 2>&1 &
  BARE_PID=$!
  for _ in $(seq 1 120); do grep -q "Started CheckInBareApplication" "$OUT/bare.log" && break; sleep 0.5; done
  grep -q "Started CheckInBareApplication" "$OUT/bare.log" || { cat "$OUT/bare.log" >&2; exit 1; }
  BARE_LOADGEN=$(loadgen "$BARE_PORT")
  for _ in $(seq 1 "$WARMUP_ROUNDS"); do $BARE_LOADGEN closed 64 check-in-only >/dev/null; done
fi
# Each level's baseline runs right after the application's closed loop at that level: a
# shared machine's speed drifts over minutes, and the ratio compares the two.
for level in $LEVELS; do
  echo "== app, $level concurrent volunteers" >&2
  run "closed-$level" closed "$level"
  # The same work first: the application's phase is 5,000 check-ins in a few seconds right
  # after settle's CHECKPOINT, where the first change to each page writes the whole page
  # to the WAL; in 15 s pgbench spreads that cost over some 35,000 transactions, which
  # gave it 5–30 % more per second than the same 5,000 (docs/PERFORMANCE.md, Method).
  echo "== pgbench, $level clients: $VOLUNTEERS transactions, then ${PGBENCH_SECONDS} s" >&2
  for kind in same-work long; do
    settle
    reset_statements
    if [ "$kind" = same-work ]; then length=(-t "$((VOLUNTEERS / level))"); file="$OUT/pgbench-$level.txt"; phase=pgbench
    else length=(-T "$PGBENCH_SECONDS"); file="$OUT/pgbench-$level-${PGBENCH_SECONDS}s.txt"; phase=pgbench-long; fi
    pg0=$(pg_cpu_seconds)
    "$PGBENCH" -n -c "$level" -j 2 "${length[@]}" -D n="$VOLUNTEERS" -D code="$CODE" -f bench/pgbench-checkin.sql \
      >"$file" 2>&1
    postgres_backends_gone "$OUT/data/postgres"
    pg1=$(pg_cpu_seconds)
    TPS=$(grep -o "tps = [0-9.]*" "$file" | awk '{print $3}')
    LAT=$(grep -o "latency average = [0-9.]*" "$file" | awk '{print $4}')
    TXNS=$(grep -o "transactions actually processed: [0-9]*" "$file" | awk '{print $4}')
    [ "$kind" = same-work ] && statements "$OUT/statements-pgbench-$level.txt" "${TXNS:-1}"
    echo "{\"label\":\"pgbench-$level\",\"phase\":\"$phase\",\"clients\":$level,\"tps\":${TPS:-0},\"latencyAvgMs\":${LAT:-0},\"transactions\":${TXNS:-0},\"seconds\":$PGBENCH_SECONDS,\"pgCpuSeconds\":$(awk "BEGIN {print $pg1 - $pg0}")}" >>"$RESULTS"
  done
  if [ -n "$BARE_PID" ]; then
    echo "== bare baseline, $level clients: $VOLUNTEERS check-ins" >&2
    MEASURED=$BARE_PID RUN_LOADGEN=$BARE_LOADGEN run "bare-$level" closed "$level" check-in-only
  fi
done
if [ "${OPEN_LOOP:-on}" = "on" ]; then
  # The saturated rate: what the server sustains when check-ins arrive on their own schedule
  # (open loop) faster than it can serve them. A closed-loop burst overstates it: there each
  # response brings the next request, so the server never sits idle between arrivals.
  BEST_RPS=$(/usr/bin/python3 -c "
import json; rows=[json.loads(l) for l in open('$RESULTS')]
print(max(r['rps'] for r in rows if r.get('phase')=='check-in' and r['mode']=='closed'))")
  OVERLOAD=$(/usr/bin/python3 -c "print(round($BEST_RPS * 1.5))")
  echo "== open loop at $OVERLOAD req/s (150 % of the best closed-loop rate): the saturated rate" >&2
  run "open-saturation" open "$OVERLOAD" 60
  SATURATED=$(/usr/bin/python3 -c "
import json; rows=[json.loads(l) for l in open('$RESULTS')]
print(next(r['rps'] for r in rows if r['label']=='open-saturation' and r.get('phase')=='check-in'))")
  RATE=$(/usr/bin/python3 -c "print(round($SATURATED * 0.8))")
  OPEN_SECONDS=$(/usr/bin/python3 -c "print(max(5, min(60, int($VOLUNTEERS / $RATE))))")
  psql -q -v keep=10000 -f bench/trim.sql >/dev/null
  SMALL=$(psql -Atc 'SELECT count(*) FROM attendance_sessions')
  echo "== open loop at $RATE req/s (80 % of the saturated $SATURATED), $SMALL sessions" >&2
  for round in 1 2; do run "open-80pct-small-$round" open "$RATE" "$OPEN_SECONDS"; done
  echo "== growing attendance_sessions to $GROWTH_ROWS rows" >&2
  psql -q -v n="$VOLUNTEERS" -v target="$GROWTH_ROWS" -f bench/grow.sql >/dev/null
  LARGE=$(psql -Atc 'SELECT count(*) FROM attendance_sessions')
  echo "== open loop at $RATE req/s, $LARGE sessions" >&2
  for round in 1 2; do run "open-80pct-large-$round" open "$RATE" "$OPEN_SECONDS"; done
else
  SMALL=0; LARGE=0
fi
if [ -n "${IDLE_RUSH_RATE:-}" ]; then
  # An 8:00 rush meets a server that has idled since the evening: after IDLE_SECONDS
  # (45; the heap's idle ratios come back after 30 quiet seconds, IdleFootprint) the open
  # loop starts at IDLE_RUSH_RATE, three times; timeline.txt has each run's seconds.
  IDLE_RUSH_SECONDS=$(/usr/bin/python3 -c "print(max(5, min(60, int($VOLUNTEERS / $IDLE_RUSH_RATE))))")
  for round in 1 2 3; do
    echo "== idle ${IDLE_SECONDS:-45} s, then an open loop at $IDLE_RUSH_RATE req/s" >&2
    sleep "${IDLE_SECONDS:-45}"
    run "idle-rush-$round" open "$IDLE_RUSH_RATE" "$IDLE_RUSH_SECONDS"
  done
fi
LOAD_RSS_KB=$(rss_kb)
FACE_RSS_KB=""
if [ "$FACE_CHECK_INS" -gt 0 ]; then
  # The same server, after the rush: face enrolments and face check-ins (the ONNX models at
  # work), then its memory as an operator's `top` shows it, 15 s and 60 s after the last
  # request (the heap's idle free ratios return after 30 quiet seconds, IdleFootprint).
  echo "== $FACE_CHECK_INS face enrolments and face check-ins" >&2
  run "face" face "$FACE_CHECK_INS" "$ROOT/src/test/resources/face"
  sleep 15
  FACE_RSS_KB=$(rss_kb)
  FACE_RSS_PARTS="15 s: $(rss_parts)"
  sleep 45
  FACE_RSS_KB="$FACE_RSS_KB $(rss_kb)"
  FACE_RSS_PARTS="$FACE_RSS_PARTS; 60 s: $(rss_parts)"
fi

/usr/bin/python3 bench/report.py "$RESULTS" "$OUT/report.md" "$STARTUP_MS" "$IDLE_RSS_KB" "$LOAD_RSS_KB" "$SMALL" "$LARGE" \
  "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)" \
  $FACE_RSS_KB
if [ -n "${FACE_RSS_PARTS:-}" ]; then
  echo "" >>"$OUT/report.md"
  echo "Of that resident memory after the face step: $FACE_RSS_PARTS." >>"$OUT/report.md"
fi
