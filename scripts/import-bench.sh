#!/usr/bin/env bash
# Measures `rod import` (release build) on a large dumpdata file in the shape of the original's own data
# (scripts/generate-dumpdata.py: the fixture's characters cloned, users, chronicles and members in proportion), into
# SQLite and into a private PostgreSQL (durable defaults) on loopback. Prints a Markdown table for docs/performance.md:
# wall time (the whole command, start-up and commit included) and the process's peak resident memory.
#
#   scripts/import-bench.sh                    # 100,000 characters
#   IMPORT_CHARACTERS=20000 scripts/import-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_swift
install_packages "${SYSTEM_PACKAGES[@]}" time
swift build -c release --product rod >&2
CHARACTERS=${IMPORT_CHARACTERS:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"; stop_postgres' EXIT
python3 scripts/generate-dumpdata.py "$CHARACTERS" "$work/data.json" >&2
export ROD_SPLATS_DIR="$PWD/splats" ROD_CONFIG_DIR="$PWD/config" LOG_LEVEL=warning

measure() { # measure LABEL: runs `rod import` with the caller's environment, prints a table row
    /usr/bin/time -v .build/release/rod import "$work/data.json" >"$work/out.txt" 2>"$work/time.txt" \
        || { cat "$work/out.txt" "$work/time.txt" >&2; exit 1; }
    local wall rss
    wall=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}')
    rss=$(grep "Maximum resident set size" "$work/time.txt" | awk '{print int($NF / 1024)}')
    echo "| $1 | $(grep -o 'characters: [0-9]*' "$work/out.txt" | head -1 | cut -d' ' -f2) | $wall | $rss MiB |"
}

echo "rod import of $(du -m "$work/data.json" | cut -f1) MiB of dumpdata ($CHARACTERS characters), $(date +%F)"
echo
echo "| store | characters | wall time | peak resident memory |"
echo "|---|---|---|---|"
ROD_DATA_DIR="$work/sqlite" measure "SQLite (synchronous=normal)"
start_postgres >&2
DATABASE_URL="$ROD_TEST_POSTGRES_URL?sslmode=disable" measure "PostgreSQL $("$postgres_bin/postgres" --version | awk '{print $3}')"
