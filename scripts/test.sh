#!/usr/bin/env bash
# Runs every test: installs what is missing (redis-server too: the gateway's process tests start their own on a
# free loopback port), starts a private PostgreSQL on a loopback port in a temporary folder (the store conformance
# suite and the two-process tests run against it; removed afterwards), checks the formatting and that the fixture of
# the original's data is the shared one (scripts/fixture-check.sh), builds (the process
# tests start the real rod binary), runs the Swift test suites, then `rod splat check --data` on the original's own
# data (scripts/data-check.sh), the README's "Try it" commands against the
# built server (scripts/readme-check.sh), fuzzes the live server from its own OpenAPI document with schemathesis
# (scripts/api-fuzz.sh) and runs the standard validators on the exported documents (scripts/schema-check.sh). ROD_TEST_POSTGRES=0 skips PostgreSQL (its tests say so).
#
# The suites run in two steps: first every in-process suite, in parallel; then, one test at a time, the suites that
# start real processes (`rod serve`, redis-server), whose suite names end in `ProcessTests`. On a loaded 2-core
# machine the parallel suites would otherwise starve those processes past their waits.
#
#   scripts/test.sh                      # everything
#   scripts/test.sh --filter Gateway     # arguments go to `swift test`; the fuzzing is skipped
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_swift
install_packages "${SYSTEM_PACKAGES[@]}" redis-server
scripts/format.sh --check
scripts/fixture-check.sh
if [ "${ROD_TEST_POSTGRES:-1}" != 0 ]; then
    trap stop_postgres EXIT
    # A throwaway cluster: durability is not what these tests check.
    start_postgres -c fsync=off
fi
swift build
if [ $# -gt 0 ]; then
    swift test "$@"
    exit
fi
swift test --skip 'ProcessTests'
swift test --filter 'ProcessTests' --no-parallel
scripts/data-check.sh
scripts/readme-check.sh
scripts/api-fuzz.sh
scripts/schema-check.sh
