#!/usr/bin/env bash
# A restart just before the 8:00 rush (an upgrade, a crash at 7:55): the first check-ins of a
# new JVM on existing data, each way of starting it:
#   none          the extracted jar, no AOT cache
#   start-cache   a JDK 25 AOT cache trained by a start that exits after the context refresh,
#                 as docs/OPERATIONS.md tells operators to train it
#   rush-cache    a cache trained by a start, ROUNDS_TO_TRAIN rounds of the rush (check-in and
#                 check-out of every volunteer), then a stop: it also holds the method
#                 profiles of a rush (JEP 515)
# Every measured run starts from a copy of the same data folder: VOLUNTEERS members with their
# phones already bound (one round of check-ins before), nobody checked in. It measures the
# first VOLUNTEERS check-ins at 16 clients with bench/loadgen (rate, p99, and the
# application's CPU per check-in from /proc), the variants alternating, ROUNDS times.
# Overrides: VOLUNTEERS (5000), ROUNDS (3), ROUNDS_TO_TRAIN (4).
# Results: target/bench/restart-rush/report.md (and on stdout).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
. bench/jdk.sh
VOLUNTEERS=${VOLUNTEERS:-5000}
ROUNDS=${ROUNDS:-3}
ROUNDS_TO_TRAIN=${ROUNDS_TO_TRAIN:-4}
OUT="$ROOT/target/bench/restart-rush"
PORT=18700
CODE=123456
if ! command -v psql >/dev/null; then
  echo "installing the PostgreSQL client tools (psql)" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq postgresql-client >/dev/null; fi
fi
rm -rf "$OUT"; mkdir -p "$OUT"
[ -f target/yixing.jar ] || mvn -B -q package -DskipTests
java -Djarmode=tools -jar target/yixing.jar extract --destination "$OUT/extracted" >/dev/null
mkdir -p "$OUT/loadgen" && javac -d "$OUT/loadgen" bench/loadgen/CheckinRush.java
LOADGEN="java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m -cp $OUT/loadgen CheckinRush http://127.0.0.1:$PORT $VOLUNTEERS $CODE 30.4745 114.3876"
ARGS="--server.port=$PORT --yixing.abuse-limits=false --yixing.dev-tools=false --yixing.demo-data=false
  --logging.level.org.yixing.shared.db=INFO"
APP=""
trap '[ -z "$APP" ] || kill $APP 2>/dev/null || true' EXIT

start() { # data folder, log, JVM options...: starts Yixing from the extracted folder, to "ready"
  local data=$1 log=$2; shift 2
  # shellcheck disable=SC2086
  (cd "$OUT/extracted" && exec java "$@" -jar yixing.jar --yixing.data-dir="$data" $ARGS) >"$log" 2>&1 &
  APP=$!
  for _ in $(seq 1 600); do grep -q "Yixing ready" "$log" && return 0; sleep 0.1; done
  cat "$log" >&2; return 1
}
stop_app() { # SIGTERM, and wait: a training run writes its cache while it exits
  kill "$APP"; wait "$APP" 2>/dev/null || true; APP=""
}
cpu_seconds() { awk '{print ($14 + $15) / 100}' "/proc/$APP/stat"; }
database() { # log, data folder: psql's environment for that run's embedded server
  export PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=yixing
  PGPORT=$(grep -o "Embedded PostgreSQL started on port [0-9]*" "$1" | tail -1 | awk '{print $6}')
  PGPASSWORD=$(cat "$2/postgres/yixing-superuser.password")
  export PGPORT PGPASSWORD
}

echo "== the data folder: $VOLUNTEERS volunteers, their phones bound" >&2
start "$OUT/base" "$OUT/base.log"
database "$OUT/base.log" "$OUT/base"
psql -q -v n="$VOLUNTEERS" -v code=$CODE -f bench/seed.sql >/dev/null
$LOADGEN closed 16 >/dev/null
stop_app

echo "== training the caches" >&2
cp -a "$OUT/base" "$OUT/train-start"
(cd "$OUT/extracted" && java -XX:AOTCacheOutput="$OUT/start.aot" -Dyixing.training-run=true -jar yixing.jar \
  --yixing.data-dir="$OUT/train-start" $ARGS) >"$OUT/train-start.log" 2>&1
cp -a "$OUT/base" "$OUT/train-rush"
start "$OUT/train-rush" "$OUT/train-rush.log" -XX:AOTCacheOutput="$OUT/rush.aot"
for _ in $(seq 1 "$ROUNDS_TO_TRAIN"); do $LOADGEN closed 16 >/dev/null; done
stop_app
ls "$OUT/start.aot" "$OUT/rush.aot" >/dev/null

one() { # variant, JVM options...: one measured run, appended to runs.txt
  local variant=$1; shift
  rm -rf "$OUT/run" && cp -a "$OUT/base" "$OUT/run"
  start "$OUT/run" "$OUT/run-$variant.log" "$@"
  database "$OUT/run-$variant.log" "$OUT/run"
  psql -qc "VACUUM (ANALYZE) attendance_sessions, device_bindings" -c CHECKPOINT >/dev/null
  local up before after result
  up=$(grep -o 'JVM up [0-9]* ms' "$OUT/run-$variant.log" | awk '{print $3}')
  before=$(cpu_seconds)
  result=$($LOADGEN closed 16 check-in-only | grep '"phase":"check-in"')
  after=$(cpu_seconds)
  stop_app
  echo "$variant $up $(echo "$result" | sed -E 's/.*"rps":([0-9.]+).*"p99":([0-9.]+).*/\1 \2/') \
$(awk -v a="$after" -v b="$before" -v n="$VOLUNTEERS" 'BEGIN { printf "%.2f", (a - b) * 1000 / n }')" >>"$OUT/runs.txt"
  tail -1 "$OUT/runs.txt" >&2
}
: >"$OUT/runs.txt"
for _ in $(seq 1 "$ROUNDS"); do
  one none
  one start-cache -XX:AOTCache="$OUT/start.aot"
  one rush-cache -XX:AOTCache="$OUT/rush.aot"
done

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
row() { # variant, label
  local col values
  echo -n "| $2 |"
  for col in 2 3 4 5; do
    values=$(awk -v v="$1" -v c=$col '$1 == v { print $c }' "$OUT/runs.txt")
    echo -n " $(echo "$values" | median) ($(echo "$values" | tr '\n' ' ' | sed 's/ $//')) |"
  done
  echo
}
{
  echo "The first $VOLUNTEERS check-ins of a new JVM at 16 clients, median (runs), $ROUNDS rounds alternating,"
  echo "$(nproc) cores, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%d):"
  echo
  echo "| how it starts | JVM up at ready, ms | check-ins per second | p99 ms | application CPU ms per check-in |"
  echo "| --- | --- | --- | --- | --- |"
  row none "extracted, no AOT cache"
  row start-cache "extracted + AOT cache trained by a start (docs/OPERATIONS.md)"
  row rush-cache "extracted + AOT cache trained by $ROUNDS_TO_TRAIN rounds of the rush"
} | tee "$OUT/report.md"
