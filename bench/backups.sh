#!/usr/bin/env bash
# Backups of the embedded server (RULES §15): a base backup and its verification of a
# database with 1,000,000 sessions, a restore of it into a new data folder, and check-ins
# with WAL archiving on against off in alternating rounds of the same run.
# Results: target/bench/backups.txt (and on stdout).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
mvn -B -q test -Dtest=BackupBenchmark -Dyixing.bench.excluded=none -Dsurefire.failIfNoSpecifiedTests=false
cat target/bench/backups.txt
