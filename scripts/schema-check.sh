#!/usr/bin/env bash
# Checks the documents `rod schema export` writes with the validators frontend developers use, and real answers
# against them (scripts/schema_check.py): openapi-spec-validator on openapi.json, each JSON Schema against its
# metaschema, every `default` against its own schema, a new character of every splat from a live `rod serve` and
# the original's recorded answers (Tests/Fixtures/original-A/expected.json) against the splat's sheet schema; then
# rod.d.ts through the TypeScript compiler in strict mode (Debian's node-typescript). Zero problems is the bar.
#
#   scripts/schema-check.sh             # builds rod (debug) when needed
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

PORT=${SCHEMA_CHECK_PORT:-18191}

python_tools
install_packages node-typescript
[ -x .build/debug/rod ] || swift build --product rod >&2

LOG_LEVEL=warning serve_in_background .build/debug/rod "$PORT"
.build/debug/rod schema export "$work/schema" >/dev/null
"$python_venv/bin/python" scripts/schema_check.py "$work/schema" "http://127.0.0.1:$PORT" \
    Tests/Fixtures/original-A/expected.json
tsc --strict --noEmit --lib es2020 "$work/schema/rod.d.ts"
echo "schema check: tsc --strict: rod.d.ts compiles"
