#!/usr/bin/env bash
# `rod splat check --data` against a store seeded from the original's own data (original-A: the shared fixture when it
# is beside the repository, else the repository's copy, which scripts/fixture-check.sh keeps identical): every key the
# original's characters hold must be declared by a splat, or the check names it. Run by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source=../shared/fixtures/original-A/db.sqlite3
[ -f "$source" ] || source=Tests/Fixtures/original-A/db.sqlite3
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
ROD_DATA_DIR="$data" LOG_LEVEL=warning .build/debug/rod import "$source" >"$data/import.txt"
ROD_DATA_DIR="$data" LOG_LEVEL=warning .build/debug/rod splat check --data | tail -1
