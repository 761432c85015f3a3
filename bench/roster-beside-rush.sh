#!/usr/bin/env bash
# A roster import beside the 8:00 check-in rush (docs/PERFORMANCE.md, "A roster import
# beside the rush").
#
#   bash bench/roster-beside-rush.sh     (ROUNDS=2, ROSTER=1000, VOLUNTEERS=5000)
#
# A roster import hashes the initial password of each new account (RULES §1), ~40 ms of
# CPU each: a file of ROSTER new accounts is minutes of a core. One server on a fresh data
# folder with bench/seed.sql's volunteers (one of them made staff, to import), warmed up
# like the check-in rush. Per round, 5,000 check-ins at 16 clients three ways, each after
# VACUUM ANALYZE: alone; beside a roster of ROSTER new accounts imported in the background
# (POST /api/v1/admin/account-import-jobs, as the console does), the import followed to
# its end; and beside the same size of roster imported in the request
# (POST /api/v1/admin/account-imports). Each roster is new (bench/loadgen/RosterFile.java).
# Reports check-ins per second and p99, and how long each import took.
# Results: target/bench/roster-beside-rush/report.md (and results.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
ROUNDS="${ROUNDS:-2}"
ROSTER="${ROSTER:-1000}"
VOLUNTEERS="${VOLUNTEERS:-5000}"
PORT="${PORT:-18083}"
CODE=777777
OUT="$ROOT/target/bench/roster-beside-rush"
STAFF_TOKEN=bench-token-1

. "$ROOT/bench/jdk.sh"
command -v psql >/dev/null || { echo "psql is needed (postgresql-client)" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT/loadgen"
echo "== building" >&2
mvn -B -q -DskipTests package >/dev/null
javac -d "$OUT/loadgen" bench/loadgen/CheckinRush.java
LOADGEN="java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m -cp $OUT/loadgen CheckinRush http://127.0.0.1:$PORT $VOLUNTEERS $CODE 30.4745 114.3876"
APP=""
trap '[ -z "$APP" ] || kill $APP 2>/dev/null; wait 2>/dev/null || true' EXIT

data="$OUT/data"
# shellcheck disable=SC2086
java -jar target/yixing.jar ${APP_ARGS:-} --server.port="$PORT" --yixing.data-dir="$data" --yixing.abuse-limits=false \
  --yixing.dev-tools=false --yixing.demo-data=false --logging.level.org.yixing=WARN \
  --logging.level.org.yixing.shared.db=INFO >"$OUT/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 120); do grep -q "Embedded PostgreSQL started" "$OUT/app.log" && curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break; sleep 0.5; done
PGPORT=$(grep -o "Embedded PostgreSQL started on port [0-9]*" "$OUT/app.log" | awk '{print $6}')
PGPASSWORD=$(cat "$data/postgres/yixing-superuser.password")
export PGHOST=127.0.0.1 PGPORT PGUSER=postgres PGDATABASE=yixing PGPASSWORD
psql -q -v n="$VOLUNTEERS" -v code="$CODE" -f bench/seed.sql >/dev/null
psql -qc "UPDATE accounts SET staff = true WHERE id = md5('bench-account-1')::uuid" >/dev/null
echo "== warming up" >&2
for _ in 1 2 3 4; do $LOADGEN closed 64 >/dev/null; done
# one small import of each kind, so that both paths are compiled before they are measured
java bench/loadgen/RosterFile.java 20 99 >"$OUT/warm.csv"
curl -sf -H "Authorization: Bearer $STAFF_TOKEN" -H "Content-Type: text/csv" --data-binary "@$OUT/warm.csv" \
  "http://127.0.0.1:$PORT/api/v1/admin/account-imports" >/dev/null

field() { echo "$1" | grep -o "\"$2\":[^,}]*" | head -1 | cut -d: -f2 | tr -d '"'; }
now_ms() { date +%s%3N; }

{
  echo "# A roster of $ROSTER new accounts beside the rush: $(date -u +%FT%TZ), $(nproc) CPUs, 5,000 check-ins at 16 clients"
  echo
  echo "| round | check-ins/s alone | p99 ms | beside the import in the background | p99 ms | its import took s | beside the import in the request | p99 ms | its import took s |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
} >"$OUT/report.md"
seed=1
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round: alone" >&2
  psql -qc "VACUUM ANALYZE" >/dev/null
  alone=$($LOADGEN closed 16 | head -1)

  echo "== round $round: beside an import in the background" >&2
  java bench/loadgen/RosterFile.java "$ROSTER" "$seed" >"$OUT/roster.csv"; seed=$((seed + 1))
  psql -qc "VACUUM ANALYZE" >/dev/null
  start=$(now_ms)
  job=$(curl -sf -H "Authorization: Bearer $STAFF_TOKEN" -H "Content-Type: text/csv" --data-binary "@$OUT/roster.csv" \
    "http://127.0.0.1:$PORT/api/v1/admin/account-import-jobs")
  id=$(field "$job" id)
  background=$($LOADGEN closed 16 | head -1)
  while :; do
    job=$(curl -sf -H "Authorization: Bearer $STAFF_TOKEN" "http://127.0.0.1:$PORT/api/v1/admin/account-import-jobs/$id")
    [ "$(field "$job" status)" = RUNNING ] || break
    sleep 0.5
  done
  background_s=$(( ($(now_ms) - start) / 100 )); background_s="$((background_s / 10)).$((background_s % 10))"
  echo "$job" | head -c 300 >>"$OUT/results.txt"; echo >>"$OUT/results.txt"
  [ "$(field "$job" status)" = DONE ] && [ "$(field "$job" created)" = "$ROSTER" ] || { echo "background import: $job" >&2; exit 1; }

  echo "== round $round: beside an import in the request" >&2
  java bench/loadgen/RosterFile.java "$ROSTER" "$seed" >"$OUT/roster.csv"; seed=$((seed + 1))
  psql -qc "VACUUM ANALYZE" >/dev/null
  start=$(now_ms)
  curl -sf -m 900 -H "Authorization: Bearer $STAFF_TOKEN" -H "Content-Type: text/csv" --data-binary "@$OUT/roster.csv" \
    "http://127.0.0.1:$PORT/api/v1/admin/account-imports" -o "$OUT/in-request.json" &
  curl_pid=$!
  sleep 0.5
  in_request=$($LOADGEN closed 16 | head -1)
  wait "$curl_pid"
  in_request_s=$(( ($(now_ms) - start) / 100 )); in_request_s="$((in_request_s / 10)).$((in_request_s % 10))"
  [ "$(field "$(cat "$OUT/in-request.json")" created)" = "$ROSTER" ] || { echo "import in the request: $(head -c 300 "$OUT/in-request.json")" >&2; exit 1; }

  for line in "alone $alone" "background $background" "in-request $in_request"; do echo "round $round $line" >>"$OUT/results.txt"; done
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$round" "$(field "$alone" rps)" "$(field "$alone" p99)" \
    "$(field "$background" rps)" "$(field "$background" p99)" "$background_s" \
    "$(field "$in_request" rps)" "$(field "$in_request" p99)" "$in_request_s" >>"$OUT/report.md"
done
kill "$APP"; wait "$APP" 2>/dev/null || true; APP=""
cat "$OUT/report.md"
