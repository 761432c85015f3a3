#!/usr/bin/env bash
# A roster import beside the 8:00 check-in rush (docs/PERFORMANCE.md, "A roster import
# beside the rush").
#
#   bash bench/roster-beside-rush.sh     (ROUNDS=3, ROSTER=1000, RATE=400, VOLUNTEERS=5000)
#
# A roster import hashes the initial password of each new account (RULES §1), ~40 ms of
# CPU each: a file of ROSTER new accounts is minutes of a core. One server on a fresh data
# folder with bench/seed.sql's volunteers (one of them made staff, to import), warmed up
# like the check-in rush. Per round, a rush below saturation (an open loop of RATE
# check-ins a second for 10 s) three ways, each after VACUUM ANALYZE and in another order
# each round: alone; beside a roster of ROSTER new accounts imported in the background
# (POST /api/v1/admin/account-import-jobs, as the console does; it gives way to a busy
# node), the import followed to its end; and beside the same size of roster imported in
# the request (POST /api/v1/admin/account-imports, which does not give way). Each roster is
# new (bench/loadgen/RosterFile.java). Reports the check-ins' rate and latency (from each
# request's intended start), and how long each import took.
# Results: target/bench/roster-beside-rush/report.md (and results.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
ROUNDS="${ROUNDS:-3}"
RATE="${RATE:-400}"
SECONDS_OF_RUSH=10
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
PGPORT=$(grep -o "Embedded PostgreSQL started on port [0-9]*" "$OUT/app.log" | tail -1 | awk '{print $6}')
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
seconds_since() { local t=$(( ($(now_ms) - $1) / 100 )); echo "$((t / 10)).$((t % 10))"; }
seed=1

rush() { # the check-ins: an open loop at RATE a second, as a rush below saturation
  $LOADGEN open "$RATE" "$SECONDS_OF_RUSH" 2>/dev/null | head -1
}

phase() { # round, variant: alone | background | in-request
  local round="$1" variant="$2" result took="—" start job id
  psql -qc "VACUUM ANALYZE" >/dev/null
  case "$variant" in
    alone) result=$(rush) ;;
    background)
      java bench/loadgen/RosterFile.java "$ROSTER" "$seed" >"$OUT/roster.csv"; seed=$((seed + 1))
      start=$(now_ms)
      job=$(curl -sf -H "Authorization: Bearer $STAFF_TOKEN" -H "Content-Type: text/csv" --data-binary "@$OUT/roster.csv" \
        "http://127.0.0.1:$PORT/api/v1/admin/account-import-jobs")
      id=$(field "$job" id)
      sleep 1
      result=$(rush)
      while :; do
        job=$(curl -sf -H "Authorization: Bearer $STAFF_TOKEN" "http://127.0.0.1:$PORT/api/v1/admin/account-import-jobs/$id")
        [ "$(field "$job" status)" = RUNNING ] || break
        sleep 0.5
      done
      took=$(seconds_since "$start")
      [ "$(field "$job" status)" = DONE ] && [ "$(field "$job" created)" = "$ROSTER" ] || { echo "background import: $job" >&2; exit 1; }
      ;;
    in-request)
      java bench/loadgen/RosterFile.java "$ROSTER" "$seed" >"$OUT/roster.csv"; seed=$((seed + 1))
      start=$(now_ms)
      curl -sf -m 900 -H "Authorization: Bearer $STAFF_TOKEN" -H "Content-Type: text/csv" --data-binary "@$OUT/roster.csv" \
        "http://127.0.0.1:$PORT/api/v1/admin/account-imports" -o "$OUT/in-request.json" &
      local curl_pid=$!
      sleep 1
      result=$(rush)
      wait "$curl_pid"
      took=$(seconds_since "$start")
      [ "$(field "$(cat "$OUT/in-request.json")" created)" = "$ROSTER" ] || { echo "import in the request: $(head -c 300 "$OUT/in-request.json")" >&2; exit 1; }
      ;;
  esac
  echo "round $round $variant $result" >>"$OUT/results.txt"
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$round" "$variant" "$(field "$result" rps)" "$(field "$result" p50)" \
    "$(field "$result" p99)" "$(field "$result" max)" "$took" >>"$OUT/report.md"
}

{
  echo "# A roster of $ROSTER new accounts beside a rush of $RATE check-ins a second: $(date -u +%FT%TZ), $(nproc) CPUs"
  echo
  echo "| round | import | check-ins/s achieved | p50 ms | p99 ms | max ms | the import took s |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
} >"$OUT/report.md"
VARIANTS=(alone background in-request)
for round in $(seq 1 "$ROUNDS"); do
  for k in 0 1 2; do # each round in another order: no variant always meets the warmest JIT
    variant="${VARIANTS[$(( (k + round - 1) % 3 ))]}"
    echo "== round $round: $variant" >&2
    phase "$round" "$variant"
  done
done
kill "$APP"; wait "$APP" 2>/dev/null || true; APP=""
cat "$OUT/report.md"
