#!/usr/bin/env bash
# Builds the services and starts the whole system on embedded infrastructure:
# Kafka (KRaft), PostgreSQL and a MongoDB wire-protocol server, all keeping their data under ./data.
# Options are passed to the launcher; see ./start-local.sh --help.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q -B -DskipTests package
# The launcher JVM's own options (Kafka and the MongoDB server run in it): one line, also used by ./benchmark.sh.
# shellcheck disable=SC2046
exec java $(cat local-launcher/launcher.jvm.options) -jar local-launcher/target/local-launcher.jar "$@"
