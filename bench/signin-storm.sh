#!/usr/bin/env bash
# A storm of sign-ins beside the 8:00 check-in rush (docs/PERFORMANCE.md, "Sign-ins beside
# the rush").
#
#   bash bench/signin-storm.sh        (ROUNDS=2, STORM=16 threads, VOLUNTEERS=5000,
#                                      KIND=signins)
#
# Volunteers whose browser session ended overnight sign in at the activity's site, each
# sign-in a slow password hash (RULES §1). Per round, two servers one after the other, each
# on a fresh data folder with bench/seed.sql's volunteers and warmed up like the check-in
# rush: as built (sign-ins take turns, identity/PasswordWork: one per two processors) and
# with the turns lifted (--yixing.passwords.at-once=64, every request thread may hash at
# once, as before). Each measures 5,000 check-ins at 16 clients alone, then the same with
# STORM threads signing in beside them (bench/loadgen/SignInStorm.java), and the sign-ins
# answered meanwhile. KIND=changes: the storm changes passwords instead (a roster's
# volunteers at their first activity change the password they were given; two hashes each,
# the current password checked under the account's lock), as STORM more volunteers of the
# seed whose password is set to a known one.
# Results: target/bench/signin-storm/report.md (and results.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
ROUNDS="${ROUNDS:-2}"
STORM="${STORM:-16}"
VOLUNTEERS="${VOLUNTEERS:-5000}"
KIND="${KIND:-signins}"
case "$KIND" in
  signins) WHAT="sign-ins"; FIRST=""; SEEDED="$VOLUNTEERS" ;;
  changes) WHAT="password changes"; FIRST=$((VOLUNTEERS + 1)); SEEDED=$((VOLUNTEERS + STORM)) ;;
  *) echo "KIND is signins or changes" >&2; exit 2 ;;
esac
PORT="${PORT:-18081}"
CODE=777777
OUT="$ROOT/target/bench/signin-storm"

. "$ROOT/bench/jdk.sh"
command -v psql >/dev/null || { echo "psql is needed (postgresql-client)" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT/loadgen"
echo "== building" >&2
mvn -B -q -DskipTests package >/dev/null
javac -d "$OUT/loadgen" bench/loadgen/CheckinRush.java bench/loadgen/SignInStorm.java
if [ "$KIND" = changes ]; then
  java -Djarmode=tools -jar target/yixing.jar extract --destination "$OUT/extracted" >/dev/null
  HASH=$(java -cp "$OUT/extracted/lib/*" bench/loadgen/PasswordHash.java Bench2026x)
fi
LOADGEN="java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m -cp $OUT/loadgen CheckinRush http://127.0.0.1:$PORT $VOLUNTEERS $CODE 30.4745 114.3876"
STORM_CLIENT="java -XX:TieredStopAtLevel=1 -cp $OUT/loadgen SignInStorm http://127.0.0.1:$PORT"
APP=""
trap '[ -z "$APP" ] || kill $APP 2>/dev/null; wait 2>/dev/null || true' EXIT

measure() { # variant, extra application arguments
  local variant="$1" data="$OUT/data-$1"
  rm -rf "$data"
  # shellcheck disable=SC2086
  java -jar target/yixing.jar $2 --server.port="$PORT" --yixing.data-dir="$data" --yixing.abuse-limits=false \
    --yixing.dev-tools=false --yixing.demo-data=false --logging.level.org.yixing=WARN \
    --logging.level.org.yixing.shared.db=INFO >"$OUT/app-$variant.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 120); do grep -q "Embedded PostgreSQL started" "$OUT/app-$variant.log" && curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break; sleep 0.5; done
  PGPORT=$(grep -o "Embedded PostgreSQL started on port [0-9]*" "$OUT/app-$variant.log" | tail -1 | awk '{print $6}')
  PGPASSWORD=$(cat "$data/postgres/yixing-superuser.password")
  export PGHOST=127.0.0.1 PGPORT PGUSER=postgres PGDATABASE=yixing PGPASSWORD
  psql -q -v n="$SEEDED" -v code="$CODE" -f bench/seed.sql >/dev/null
  if [ "$KIND" = changes ]; then
    echo "UPDATE accounts SET password_hash = :'hash'
      WHERE id IN (SELECT md5('bench-account-' || i)::uuid FROM generate_series($FIRST, $SEEDED) i);" \
      | psql -q -v ON_ERROR_STOP=1 -v hash="$HASH" >/dev/null
  fi
  for _ in 1 2 3 4; do $LOADGEN closed 64 >/dev/null; done
  # shellcheck disable=SC2086
  $STORM_CLIENT 4 15 $FIRST >/dev/null
  psql -qc "VACUUM ANALYZE" >/dev/null
  local alone storm signins
  alone=$($LOADGEN closed 16 | head -1)
  psql -qc "VACUUM ANALYZE" >/dev/null
  # shellcheck disable=SC2086
  $STORM_CLIENT "$STORM" 25 $FIRST >"$OUT/storm.txt" &
  local storm_pid=$!
  sleep 3
  storm=$($LOADGEN closed 16 | head -1)
  wait "$storm_pid"
  signins=$(cat "$OUT/storm.txt")
  echo "$variant alone $alone" >>"$OUT/results.txt"
  echo "$variant storm $storm" >>"$OUT/results.txt"
  echo "$variant signins $signins" >>"$OUT/results.txt"
  field() { echo "$1" | grep -o "\"$2\":[^,}]*" | head -1 | cut -d: -f2 | tr -d '"'; }
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$variant" "$(field "$alone" rps)" "$(field "$alone" p99)" \
    "$(field "$storm" rps)" "$(field "$storm" p99)" "$(field "$signins" perSecond)" "$(field "$signins" meanMs)" \
    "$(echo "$signins" | sed 's/.*"statuses":"\([^"]*\)".*/\1/')" >>"$OUT/report.md"
  kill "$APP"; wait "$APP" 2>/dev/null || true; APP=""
}

{
  echo "# ${WHAT^} beside the rush: $(date -u +%FT%TZ), $(nproc) CPUs, $STORM threads at once"
  echo
  echo "| server | check-ins/s alone | p99 ms | check-ins/s beside the $WHAT | p99 ms | $WHAT/s | mean ms | answers |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
} >"$OUT/report.md"
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round: $WHAT in turns (as built)" >&2
  measure turns ""
  echo "== round $round: every request thread may hash at once" >&2
  measure unlimited "--yixing.passwords.at-once=64"
done
cat "$OUT/report.md"
