#!/usr/bin/env bash
# Lighthouse's mobile performance audit of the check-in page (issue 25), with Debian's
# Chromium. Installs Lighthouse from npm into target/lighthouse (once), then runs the JUnit
# class LighthouseBenchmark (excluded from mvn verify by its benchmark tag).
# Results: target/bench/lighthouse.txt (and on stdout), the report in lighthouse.json.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
if [ ! -f target/lighthouse/node_modules/lighthouse/cli/index.js ]; then
  npm install --no-save --no-audit --no-fund --prefix target/lighthouse lighthouse@12 >/dev/null
fi
mvn -B -q test -Dtest=LighthouseBenchmark -Dyixing.bench.excluded=none -Dsurefire.failIfNoSpecifiedTests=false
cat target/bench/lighthouse.txt
