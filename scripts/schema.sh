#!/usr/bin/env bash
# Regenerates the golden files of the exported schemas (Tests/RodSchemaTests/Golden) from splats/ and the API
# catalog: run it after changing a splat file, a validator's schema or a route, then review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product rod >&2
rm -rf Tests/RodSchemaTests/Golden
.build/debug/rod schema export Tests/RodSchemaTests/Golden
