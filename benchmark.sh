#!/usr/bin/env bash
# Builds the services and runs the whole benchmark on a local stack of its own: publication, query side at two
# data sizes, a sales organisation at work and the analytics replay, each figure next to its baseline measured in
# the same run. Writes benchmark/target/all-<time>/report.json and report.md.
# Options are passed to the benchmark; see ./benchmark.sh --help.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q -B -DskipTests package
exec java -jar benchmark/target/benchmark.jar all "$@"
