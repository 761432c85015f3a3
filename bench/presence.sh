#!/usr/bin/env bash
# Presence you can trust (RULES §12) over HTTP on the embedded PostgreSQL: an upload of 500
# offline scans judged and stored; check-in throughput with 动态二维码 against 签到码 in
# alternating rounds of the same run (same server, volunteers, clients); the risk signals'
# time per check-in and the plan of their query over 200,000 sessions.
# Results: target/bench/presence.txt (and on stdout).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
mvn -B -q test -Dtest=PresenceBenchmark -Dyixing.bench.excluded=none -Dsurefire.failIfNoSpecifiedTests=false
cat target/bench/presence.txt
