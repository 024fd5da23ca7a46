#!/usr/bin/env bash
# Starts a production server: a release build of rod, then `rod serve` in the foreground (for systemd or a container),
# which migrates the schema before it listens. Its settings come from .env in the repository's folder (the original's
# file, or one `rod setup` writes), with the environment's variables winning; without a .env, from the environment
# alone, ENV defaulting to production. rod refuses to start without SECRET_KEY, API_KEY and a named database.
# See docs/operations.md.
#
#   .build/release/rod setup --env production && scripts/run.sh
#   SECRET_KEY=... API_KEY=... DATABASE_URL=postgresql://rod:pw@db:5432/rod REDIS_URL=redis://cache:6379/0 scripts/run.sh
#   scripts/run.sh --env-file /etc/rod/rod.env --port 8000
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_swift
install_packages "${SYSTEM_PACKAGES[@]}"
swift build -c release --product rod >&2
if [[ ! -f .env && " $* " != *" --env-file"* ]]; then
    if [[ -z "${SECRET_KEY:-}" ]]; then
        echo "run.sh: no .env here and no SECRET_KEY in the environment." >&2
        echo "run.sh: write one with \`.build/release/rod setup --env production\` (it asks the rest), then run this again." >&2
        exit 1
    fi
    export ENV="${ENV:-production}"
fi
exec .build/release/rod serve "$@"
