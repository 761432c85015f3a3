#!/usr/bin/env bash
# Rankings over 20,000 volunteers and 1,000,000 credited sessions on the embedded
# PostgreSQL: HTTP round trip versus the same SQL alone, p50/p95/max over 200 runs after
# 30 warm-up runs. The data generator is RankingsBenchmark.seed (plain SQL).
# Results: target/bench/rankings.txt (and on stdout).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
mvn -B -q test -Dtest=RankingsBenchmark -Dyixing.bench.excluded=none -Dsurefire.failIfNoSpecifiedTests=false
cat target/bench/rankings.txt
