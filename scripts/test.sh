#!/usr/bin/env bash
# Runs every test: installs what is missing (redis-server too: the gateway's process tests start their own on a
# free loopback port), starts a private PostgreSQL on a loopback port in a temporary folder (the store conformance
# suite and the two-process test run against it; removed afterwards), checks the formatting, builds (the process
# tests start the real rod binary), runs the Swift test suites, then fuzzes the live server from its own OpenAPI
# document with schemathesis (scripts/api-fuzz.sh). ROD_TEST_POSTGRES=0 skips PostgreSQL (its tests say so).
#
#   scripts/test.sh                      # everything
#   scripts/test.sh --filter Gateway     # arguments go to `swift test`; the fuzzing is skipped
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_swift
install_packages "${SYSTEM_PACKAGES[@]}" redis-server
scripts/format.sh --check
if [ "${ROD_TEST_POSTGRES:-1}" != 0 ]; then
    trap stop_postgres EXIT
    # A throwaway cluster: durability is not what these tests check.
    start_postgres -c fsync=off
fi
swift build
swift test "$@"
if [ $# -eq 0 ]; then scripts/api-fuzz.sh; fi
