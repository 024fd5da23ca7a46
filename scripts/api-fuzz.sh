#!/usr/bin/env bash
# Runs schemathesis (from PyPI, in the private virtualenv of scripts/lib.sh) against a live `rod serve` from its own OpenAPI
# document: every operation with generated requests, checking that no response is a 500 and that every response
# matches the schema the document gives for it. Bot requests carry the development key (scripts/schemathesis_hooks.py),
# web requests a minted session with its CSRF token.
#
#   scripts/api-fuzz.sh                 # builds rod (debug) when needed
#   FUZZ_EXAMPLES=50 scripts/api-fuzz.sh
#
# The session's user is on the free tier, which holds 2 sheets: once the fuzzer made them, `api/character/new`
# answers 403, and ids it does not own answer 403 or 404. schemathesis warns "authentication failed" about those
# routes; the session is accepted.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

EXAMPLES=${FUZZ_EXAMPLES:-10}
PORT=${FUZZ_PORT:-18190}

python_tools
VENV=$python_venv
[ -x .build/debug/rod ] || swift build --product rod >&2

LOG_LEVEL=warning serve_in_background .build/debug/rod "$PORT"
export ROD_DATA_DIR="$work/data"

cookie=$(.build/debug/rod session mint 1001)
csrf=${cookie##*csrftoken=}
session=${cookie%%;*}
session=${session#sessionid=}
# The document's security schemes, filled in: the bot's key and the minted session.
cat >"$work/schemathesis.toml" <<TOML
[auth.openapi.apiKey]
api_key = "dev-api-key"
[auth.openapi.session]
api_key = "$session"
TOML

status=0
SCHEMATHESIS_HOOKS=schemathesis_hooks PYTHONPATH=scripts "$VENV/bin/schemathesis" --config-file "$work/schemathesis.toml" run "http://127.0.0.1:$PORT/api/openapi.json" \
    --checks not_a_server_error,response_schema_conformance \
    --max-examples "$EXAMPLES" --generation-deterministic --phases examples,coverage,fuzzing \
    -H "Cookie: csrftoken=$csrf" -H "X-CSRFToken: $csrf" -H "Origin: http://127.0.0.1:$PORT" \
    --request-timeout 10 || status=$?
if grep -q "error" "$work/server.log"; then
    echo "--- server errors ---" >&2
    grep "error" "$work/server.log" | head -20 >&2
fi
exit "$status"
