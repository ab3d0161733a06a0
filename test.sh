#!/usr/bin/env bash
# The test command: every test of every module against real (embedded) Kafka, PostgreSQL and MongoDB, and the
# dashboard's in a real headless Chromium. Finds Chromium and its chromedriver on the machine, or installs Debian's
# chromium and chromium-driver when run as root (or with sudo); arguments go to Maven (e.g. -pl query-service -am).
set -euo pipefail
cd "$(dirname "$0")"

have_browser() {
    { [ -n "${CHROMIUM_BINARY:-}" ] || command -v chromium > /dev/null || command -v chromium-browser > /dev/null \
        || command -v google-chrome > /dev/null; } \
        && { [ -n "${CHROMEDRIVER:-}" ] || command -v chromedriver > /dev/null || [ -x /usr/lib/chromium/chromedriver ]; }
}

if ! have_browser; then
    packages=(chromium chromium-driver)
    if [ "$(id -u)" = 0 ]; then
        echo "Installing ${packages[*]} for the dashboard's browser tests"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" > /dev/null
    elif command -v sudo > /dev/null && sudo -n true 2> /dev/null; then
        echo "Installing ${packages[*]} for the dashboard's browser tests"
        sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" > /dev/null
    else
        echo "The dashboard's browser tests need Chromium and chromedriver: install Debian's ${packages[*]}" \
            "(or set CHROMIUM_BINARY and CHROMEDRIVER to where they are), then run this again." >&2
        exit 1
    fi
fi

exec ./mvnw verify "$@"
