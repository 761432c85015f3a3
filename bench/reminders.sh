#!/usr/bin/env bash
# The reminder job (RULES §13) over 50,000 open sessions on the embedded PostgreSQL: a
# steady state of runs 30 s apart, the worst case of 50,000 reminders due in one run, and
# check-outs through the API during that run against check-outs alone.
# Results: target/bench/reminders.txt (and on stdout).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
mvn -B -q test -Dtest=ReminderBenchmark -Dyixing.bench.excluded=none -Dsurefire.failIfNoSpecifiedTests=false
cat target/bench/reminders.txt
