#!/usr/bin/env bash
# Runs every test: installs what is missing, builds (the process tests start the real rod binary),
# then runs the Swift test suites.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_swift
install_packages "${SYSTEM_PACKAGES[@]}"
swift build
swift test "$@"
