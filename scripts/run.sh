#!/usr/bin/env bash
# Starts a production server: a release build of rod, ENV=production (config/production.yaml plus the
# environment), then `rod serve` in the foreground (for systemd or a container), which migrates the schema before it
# listens. rod refuses to start without SECRET_KEY, API_KEY and a named database. See docs/operations.md.
#
#   SECRET_KEY=... API_KEY=... DATABASE_URL=postgresql://rod:pw@db:5432/rod REDIS_URL=redis://cache:6379/0 scripts/run.sh
#   SECRET_KEY=... API_KEY=... DB_ENGINE=sqlite3 DB_NAME=/var/lib/rod/db.sqlite3 scripts/run.sh --port 8000
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_swift
install_packages "${SYSTEM_PACKAGES[@]}"
swift build -c release --product rod >&2
export ENV="${ENV:-production}"
exec .build/release/rod serve "$@"
