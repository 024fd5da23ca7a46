#!/usr/bin/env bash
# Sets up what is missing (system packages, build) and serves the backend on http://127.0.0.1:8080
# with SQLite under ./data and no configuration. Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_swift
install_packages "${SYSTEM_PACKAGES[@]}"
swift build --product rod
exec .build/debug/rod serve "$@"
