#!/usr/bin/env bash
# Organization search over 10,000 organizations on the embedded PostgreSQL: HTTP round
# trip versus the same SQL alone, p50/p95/max over 500 runs after 100 warm-up runs.
# Results: target/bench/org-search.txt (and on stdout).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
mvn -B -q test -Dtest=OrganizationSearchBenchmark -Dyixing.bench.excluded=none -Dsurefire.failIfNoSpecifiedTests=false
cat target/bench/org-search.txt
