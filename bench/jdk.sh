# Sourced by the bench scripts: selects a JDK >= 21 (JAVA_HOME if it is one, else the first
# under /usr/lib/jvm) and puts it first on PATH.
java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1") ? v[2] : v[1]; exit }'; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java")" -lt 21 ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate/bin/java")" -ge 21 ]; then JAVA_HOME="$candidate"; break; fi
  done
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
# java -jar target/yixing.jar starts from its start-up cache on JDK 25 (docs/OPERATIONS.md,
# "Start-up and memory"): the benches keep theirs in target/, not in the user's cache folder
export YIXING_START_CACHE="${YIXING_START_CACHE:-$PWD/target/start-cache}"
