#!/usr/bin/env bash
# Runs every test: installs what is missing (redis-server too: the gateway's process tests start their own on a
# free loopback port), checks the formatting, builds (the process tests start the real rod binary), then runs the
# Swift test suites.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_swift
install_packages "${SYSTEM_PACKAGES[@]}" redis-server
scripts/format.sh --check
swift build
swift test "$@"
