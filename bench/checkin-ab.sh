#!/usr/bin/env bash
# Two builds or settings of Yixing side by side, their check-in phases interleaved: what one
# change does to the check-in's CPU on this machine, whose speed drifts by a factor of two
# between runs minutes apart (docs/PERFORMANCE.md, "The 8:00 check-in rush").
#
#   bash bench/checkin-ab.sh <jar A> <jar B>          (the same jar twice to compare settings)
#   A_OPTS / B_OPTS, A_ARGS / B_ARGS: JVM options and application arguments of each server
#   ROUNDS (6), LEVEL (16 concurrent volunteers), VOLUNTEERS (5000), WARMUP_ROUNDS (8)
#   RESTART (off; on: both servers start anew and warm up again before every round after the
#   first, so that each round meets a new pair of JVMs: two JVMs of one build can differ by
#   10 % for a whole run, by what their JITs made of the same warm-up, docs/PERFORMANCE.md)
#
# Both servers run at once, each on its own embedded PostgreSQL seeded like the rush
# (bench/seed.sql), and are warmed up alike; then every round runs A's closed loop and B's
# one after the other (A first in odd rounds, B first in even ones), each after the same
# settle as in bench/checkin-rush.sh (bench/rush-lib.sh). A phase is 5,000 check-ins, a few
# seconds, so both sides of a pair meet the machine in nearly the same state. Per round and side: check-ins
# per second, CPU ms per check-in of the application and of its PostgreSQL (check-in phase
# alone), and the same for the check-outs. The last lines give the medians and B's change.
# Results: target/bench/checkin-ab/ (results.jsonl, report.txt, each server's log).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
JAR_A="$(realpath "${1:?jar A}")"
JAR_B="$(realpath "${2:?jar B}")"
ROUNDS="${ROUNDS:-6}"
LEVEL="${LEVEL:-16}"
VOLUNTEERS="${VOLUNTEERS:-5000}"
WARMUP_ROUNDS="${WARMUP_ROUNDS:-8}"
CODE=777777
OUT="$ROOT/target/bench/checkin-ab"
. "$ROOT/bench/jdk.sh"
rm -rf "$OUT" && mkdir -p "$OUT"

declare -A PID PGPORT PGPASS PORT=([A]=18280 [B]=18290)
start() { # side, jar, JVM options, arguments
  # each side's copy of its jar keeps its own start-up cache beside it (StartCache)
  mkdir -p "$OUT/$1" && { [ -f "$OUT/$1/yixing.jar" ] || cp "$2" "$OUT/$1/yixing.jar"; }
  # shellcheck disable=SC2086
  java $3 -jar "$OUT/$1/yixing.jar" $4 --server.port="${PORT[$1]}" --yixing.data-dir="$OUT/data-$1" --yixing.abuse-limits=false \
    --yixing.dev-tools=false --yixing.demo-data=false --logging.level.org.yixing=WARN \
    --logging.level.org.yixing.shared.web.StartupReport=INFO --logging.level.org.yixing.shared.db=INFO \
    >"$OUT/app-$1.log" 2>&1 &
  PID[$1]=$!
}
trap 'kill ${PID[A]:-} ${PID[B]:-} 2>/dev/null; wait ${PID[A]:-} ${PID[B]:-} 2>/dev/null || true' EXIT
up() { # side: starts it and waits until it is ready
  if [ "$1" = A ]; then start A "$JAR_A" "${A_OPTS:-}" "${A_ARGS:-}"; else start B "$JAR_B" "${B_OPTS:-}" "${B_ARGS:-}"; fi
  for _ in $(seq 1 240); do grep -q "Yixing ready" "$OUT/app-$1.log" && break; sleep 0.5; done
  grep -q "Yixing ready" "$OUT/app-$1.log" || { cat "$OUT/app-$1.log" >&2; exit 1; }
  PGPORT[$1]=$(grep -o "Embedded PostgreSQL started on port [0-9]*" "$OUT/app-$1.log" | tail -1 | awk '{print $6}')
  PGPASS[$1]=$(cat "$OUT/data-$1/postgres/yixing-superuser.password")
}
for side in A B; do up "$side"; done
db() { # side, psql arguments...
  local side="$1"; shift
  PGHOST=127.0.0.1 PGPORT="${PGPORT[$side]}" PGUSER=postgres PGDATABASE=yixing PGPASSWORD="${PGPASS[$side]}" psql "$@"
}
. "$ROOT/bench/rush-lib.sh"
app_cpu() { process_cpu_seconds "${PID[$1]}"; }
pg_cpu() { postgres_cpu_seconds "$OUT/data-$1/postgres"; }
mkdir -p "$OUT/loadgen" && javac -d "$OUT/loadgen" bench/loadgen/CheckinRush.java
loadgen() { java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m -cp "$OUT/loadgen" CheckinRush \
  "http://127.0.0.1:${PORT[$1]}" "$VOLUNTEERS" "$CODE" 30.4745 114.3876 "${@:2}"; }
warm_up() { for _ in $(seq 1 "$WARMUP_ROUNDS"); do loadgen "$1" closed 64 >/dev/null; done; }
for side in A B; do
  echo "== seeding and warming up $side: $WARMUP_ROUNDS rounds of $VOLUNTEERS check-ins and check-outs" >&2
  db "$side" -q -v n="$VOLUNTEERS" -v code="$CODE" -f bench/seed.sql >/dev/null
  warm_up "$side"
done
RESULTS="$OUT/results.jsonl"
: >"$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  order="A B"; [ $((round % 2)) -eq 0 ] && order="B A"
  if [ "${RESTART:-off}" = on ] && [ "$round" -gt 1 ]; then
    for side in $order; do
      echo "== round $round: $side starts anew and warms up" >&2
      kill "${PID[$side]}"; wait "${PID[$side]}" 2>/dev/null || true
      up "$side"
      warm_up "$side"
    done
  fi
  for side in $order; do
    settle_database db "$side"
    a0=$(app_cpu "$side"); p0=$(pg_cpu "$side")
    loadgen "$side" closed "$LEVEL" 2>/dev/null | while read -r line; do
      a1=$(app_cpu "$side"); p1=$(pg_cpu "$side")
      echo "{\"round\":$round,\"side\":\"$side\",\"appCpu\":$(awk "BEGIN {print $a1 - $a0}"),\"pgCpu\":$(awk "BEGIN {print $p1 - $p0}"),${line#\{}"
      a0=$a1; p0=$p1
    done >>"$RESULTS"
    echo "round $round, $side: $(tail -2 "$RESULTS" | head -1 | cut -c1-120)" >&2
  done
done
/usr/bin/python3 - "$RESULTS" "$OUT/report.txt" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
lines = ["round side phase        req/s   app ms  pg ms  (CPU per request)"]
med = {}
for r in rows:
    n = r["requests"]
    app, pg = 1000 * r["appCpu"] / n, 1000 * r["pgCpu"] / n
    lines.append(f'{r["round"]:5d} {r["side"]:4s} {r["phase"]:10s} {r["rps"]:7.0f} {app:7.3f} {pg:6.3f}')
    for k, v in (("rps", r["rps"]), ("app", app), ("pg", pg)):
        med.setdefault((r["side"], r["phase"], k), []).append(v)
lines.append("medians: side phase req/s app-ms pg-ms")
for phase in ("check-in", "check-out"):
    m = {s: [statistics.median(med[(s, phase, k)]) for k in ("rps", "app", "pg")] for s in ("A", "B")}
    for s in ("A", "B"):
        lines.append(f'  {s} {phase:10s} {m[s][0]:7.0f} {m[s][1]:7.3f} {m[s][2]:6.3f}')
    lines.append(f'  B/A {phase:8s} rate {m["B"][0] / m["A"][0]:.3f}, app CPU {m["B"][1] / m["A"][1]:.3f}, PostgreSQL CPU {m["B"][2] / m["A"][2]:.3f}')
    # the paired view: B against A within each round, which the machine's drift between rounds does not touch
    ratios = {k: [b / a for a, b in zip(med[("A", phase, k)], med[("B", phase, k)])] for k in ("rps", "app", "pg")}
    lower = sum(r < 1 for r in ratios["app"])
    lines.append(f'  B/A {phase:8s} within rounds, median: rate {statistics.median(ratios["rps"]):.3f}, app CPU {statistics.median(ratios["app"]):.3f}, PostgreSQL CPU {statistics.median(ratios["pg"]):.3f}; B used less app CPU in {lower} of {len(ratios["app"])} rounds')
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
