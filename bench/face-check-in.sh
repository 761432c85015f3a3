#!/usr/bin/env bash
# Face check-in over HTTP on the embedded PostgreSQL against quick check-in on the same
# machine and server: latency one at a time, throughput 8 at once, and a burst of 120 at
# once (FACE_BUSY with Retry-After beyond the pool's queue). 640x480 camera frames.
# Results: target/bench/face-check-in.txt (and on stdout).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
mvn -B -q test -Dtest=FaceCheckInBenchmark -Dyixing.bench.excluded=none -Dsurefire.failIfNoSpecifiedTests=false
cat target/bench/face-check-in.txt
