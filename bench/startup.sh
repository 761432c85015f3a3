#!/usr/bin/env bash
# Start-up to "ready" (issue 25): the median of 5 starts of each way to run Yixing, with an
# existing data folder (the first start, which creates it and prepares the start-up cache,
# is reported apart), next to a bare Spring Boot web application's start in the same run.
# Each start is timed by the JVM itself ("JVM up" in Yixing's ready line, from the start
# of the JVM that java -jar began, which a start from the start-up cache carries on;
# "process running for" in Spring Boot's), so the figures include the JVM's own start and
# nothing of the script's.
#   java -jar          the fat jar as built, without options: on JDK 25 it starts from its
#                      start-up cache (org.yixing.StartCache, prepared by the first start)
#   java -jar, no cache the same with YIXING_START_CACHE=off, as before the start-up cache
#   extracted          the jar extracted, as Spring Boot recommends for production
#   extracted + AOT    the jar extracted (java -Djarmode=tools … extract) and run with a
#                      JDK 25 AOT cache from a training run (docs/OPERATIONS.md)
#   mvn spring-boot:run the quick start's command (also reported: its wall clock from the
#                      command to ready, Maven's own start included), from its class archive
#                      (org.yixing.ClassArchive; the build's first run, which writes it as it
#                      stops, reported apart) and without it, as before the archive
# Overrides: RUNS (5), SKIP_MVN (set to skip the Maven runs).
# Results: target/bench/startup/report.md (and on stdout); RSS 30 s after ready of a
# java -jar start, with and without the start-up cache.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
RUNS=${RUNS:-5}
OUT=target/bench/startup
rm -rf "$OUT"; mkdir -p "$OUT"
PORT=18190
DATA="$PWD/$OUT/data"
export YIXING_START_CACHE="$PWD/$OUT/start-cache"

[ -f target/yixing.jar ] || mvn -B -q -o package -DskipTests
mvn -B -q -o -f bench/startup/bare/pom.xml package -DskipTests
# the AOT cache needs the extracted layout and a training run with the same JDK
java -Djarmode=tools -jar target/yixing.jar extract --destination "$OUT/extracted" >/dev/null
java -Djarmode=tools -jar bench/startup/bare/target/bare.jar extract --destination "$OUT/bare-extracted" >/dev/null

wait_for() { # log, pattern
  for _ in $(seq 1 600); do grep -q "$2" "$1" && return 0; sleep 0.1; done
  cat "$1" >&2; return 1
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# One start of Yixing: prints the JVM's up time at ready, in ms.
yixing() { # log, command...
  local log=$1; shift
  "$@" --server.port=$PORT --yixing.data-dir="$DATA" >"$log" 2>&1 &
  local pid=$!
  wait_for "$log" "Yixing ready"
  grep -o "JVM up [0-9]* ms" "$log" | awk '{print $3}'
  stop $pid
}

# the data folder and the start-up cache exist before the counted starts
FIRST=$(yixing "$OUT/first.log" java -jar target/yixing.jar)
PREPARED=$(grep -o 'start-up cache ready in [0-9]* s' "$OUT/first.log" | awk '{print $5}')
# the training run for the operator's own AOT cache (docs/OPERATIONS.md): starts, builds
# the context, stops the embedded database, exits
(cd "$OUT/extracted" && java -XX:AOTCacheOutput=app.aot -Dyixing.training-run=true -jar yixing.jar \
  --yixing.data-dir="$DATA" --server.port=$PORT >../aot-training.log 2>&1)
(cd "$OUT/bare-extracted" && java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar bare.jar \
  --server.port=$PORT >../bare-aot-training.log 2>&1)

: >"$OUT/runs.txt"

# One mvn spring-boot:run: records its JVM up and wall clock under the key, and how long
# it took to stop (as an operator's Ctrl-C: the JVM writes its class archive then, if it
# had none).
mvn_run() { # log, key, more Maven arguments...
  local log=$1 key=$2; shift 2
  local start; start=$(date +%s%N)
  mvn -B -o spring-boot:run "$@" -Dspring-boot.run.arguments="--server.port=$PORT --yixing.data-dir=$PWD/$DATA" >"$log" 2>&1 &
  local pid=$!
  wait_for "$log" "Yixing ready"
  echo "$key-wall $(( ($(date +%s%N) - start) / 1000000 ))" >>"$OUT/runs.txt"
  echo "$key $(grep -o "JVM up [0-9]* ms" "$log" | awk '{print $3}')" >>"$OUT/runs.txt"
  start=$(date +%s%N)
  pkill -f "yixing.data-dir=$PWD/$DATA" || true
  wait $pid 2>/dev/null || true
  echo "$key-stop $(( ($(date +%s%N) - start) / 1000000 ))" >>"$OUT/runs.txt"
}

if [ -z "${SKIP_MVN:-}" ]; then
  # the first run of a build has no class archive yet and writes it as it stops
  rm -f target/spring-boot-run.jsa target/spring-boot-run.jsa.key
  mvn_run "$OUT/mvn-first.log" mvn-first
fi
for i in $(seq 1 "$RUNS"); do
  echo "java-jar $(yixing "$OUT/jar-$i.log" java -jar target/yixing.jar)" >>"$OUT/runs.txt"
  echo "java-jar-off $(YIXING_START_CACHE=off yixing "$OUT/jar-off-$i.log" java -jar target/yixing.jar)" >>"$OUT/runs.txt"
  echo "extracted $(cd "$OUT/extracted" && yixing ../extracted-$i.log java -jar yixing.jar)" >>"$OUT/runs.txt"
  # the cache holds the class path as trained: the same working folder and jar path
  echo "aot $(cd "$OUT/extracted" && yixing ../aot-$i.log java -XX:AOTCache=app.aot -jar yixing.jar)" >>"$OUT/runs.txt"
  for variant in plain aot; do
    log="$OUT/bare-$variant-$i.log"
    if [ $variant = aot ]; then opts="-XX:AOTCache=app.aot"; else opts=""; fi
    (cd "$OUT/bare-extracted" && exec java $opts -jar bare.jar --server.port=$PORT) >"$log" 2>&1 &
    pid=$!
    wait_for "$log" "Started BareApplication"
    echo "bare-$variant $(grep -o 'process running for [0-9.]*' "$log" | awk '{printf "%d", $4 * 1000}')" >>"$OUT/runs.txt"
    stop $pid
  done
  if [ -z "${SKIP_MVN:-}" ]; then
    mvn_run "$OUT/mvn-$i.log" mvn
    # as before the class archive: the classes from target/classes, no archive
    mvn_run "$OUT/mvn-off-$i.log" mvn-off -Dyixing.run.class-archive= -Dyixing.run.classes=target/classes
  fi
done

# memory of an idle server, 30 s after ready, no manual GC (a start from the cache is the
# same process as the java -jar that began it)
idle_rss() { # log
  java -jar target/yixing.jar --server.port=$PORT --yixing.data-dir="$DATA" >"$1" 2>&1 &
  local pid=$!
  wait_for "$1" "Yixing ready"
  sleep 30
  awk '/VmRSS/ {printf "%d", $2 / 1024}' /proc/$pid/status
  stop $pid
}
IDLE_RSS=$(idle_rss "$OUT/idle.log")
IDLE_RSS_OFF=$(YIXING_START_CACHE=off idle_rss "$OUT/idle-off.log")

row() { # label, key
  local values; values=$(awk -v k="$2" '$1 == k { print $2 }' "$OUT/runs.txt")
  [ -n "$values" ] || return 0
  echo "| $1 | $(echo "$values" | median) | $(echo "$values" | tr '\n' ' ' | sed 's/ $//') |"
}
{
  echo "Start-up to ready, median of $RUNS, $(nproc) cores, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%d):"
  echo
  echo "| how | median ms | runs ms |"
  echo "| --- | --- | --- |"
  row "Yixing, java -jar (from its start-up cache)" java-jar
  row "Yixing, java -jar, no start-up cache (YIXING_START_CACHE=off)" java-jar-off
  row "Yixing, extracted (java -Djarmode=tools -jar yixing.jar extract)" extracted
  row "Yixing, extracted + AOT cache" aot
  row "Yixing, mvn spring-boot:run (JVM up; from its class archive)" mvn
  row "Yixing, mvn spring-boot:run (wall clock, Maven included)" mvn-wall
  row "Yixing, mvn spring-boot:run without the class archive (JVM up)" mvn-off
  row "Yixing, mvn spring-boot:run without the class archive (wall clock)" mvn-off-wall
  row "bare Spring Boot web app, extracted" bare-plain
  row "bare Spring Boot web app, extracted + AOT cache" bare-aot
  echo
  echo "The first start (a new data folder, the start-up cache prepared): ready after $FIRST ms, of which the cache $PREPARED s"
  if [ -z "${SKIP_MVN:-}" ]; then
    echo
    echo "The first mvn spring-boot:run of the build (no class archive yet): JVM up $(awk '$1 == "mvn-first" { print $2 }' "$OUT/runs.txt") ms; it stopped in $(awk '$1 == "mvn-first-stop" { print $2 }' "$OUT/runs.txt") ms, writing the archive (later runs: $(awk '$1 == "mvn-stop" { print $2 }' "$OUT/runs.txt" | median) ms, without the archive $(awk '$1 == "mvn-off-stop" { print $2 }' "$OUT/runs.txt" | median) ms)"
  fi
  echo
  echo "Idle RSS 30 s after ready (java -jar, no manual GC): $IDLE_RSS MiB from the start-up cache, $IDLE_RSS_OFF MiB without"
  echo "Warnings in the log of a start: $(cat "$OUT/first.log" "$OUT/jar-1.log" "$OUT/jar-off-1.log" | grep -c ' WARN \|\[warning\]' || true) (the first start, one from the cache, one without)"
} | tee "$OUT/report.md"
