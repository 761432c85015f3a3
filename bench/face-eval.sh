#!/usr/bin/env bash
# Face model accuracy and speed over every fixture pair (docs/FACE.md): genuine and impostor
# distance distributions, false accepts and rejects at the configured threshold and around
# it, and the time per picture (decode, detection, alignment, embedding) on this machine.
# Compares the two score distributions with each other: the threshold must separate them.
# Results: target/bench/face-eval.txt (and on stdout).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
mvn -B -q test -Dtest=FaceEvaluationBenchmark -Dyixing.bench.excluded=none -Dsurefire.failIfNoSpecifiedTests=false
cat target/bench/face-eval.txt
