#!/usr/bin/env bash
# Runs every test: installs what is missing, checks the formatting, builds (the process tests start the
# real rod binary), then runs the Swift test suites.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_swift
install_packages "${SYSTEM_PACKAGES[@]}"
scripts/format.sh --check
swift build
swift test "$@"
