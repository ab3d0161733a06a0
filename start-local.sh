#!/usr/bin/env bash
# Builds the services and starts the whole system on embedded infrastructure:
# Kafka (KRaft), PostgreSQL and a MongoDB wire-protocol server, all keeping their data under ./data.
# Options are passed to the launcher; see ./start-local.sh --help.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q -B -DskipTests package
exec java -jar local-launcher/target/local-launcher.jar "$@"
