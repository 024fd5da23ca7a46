#!/usr/bin/env bash
# The fixture `original-A` the import tests read (Tests/Fixtures/original-A) is the original backend's own data: its
# files must stay byte for byte those of the shared fixture. Checks the repository's copy against SHA256SUMS (the shared
# files' digests), and, where the shared folder is there (../shared/fixtures/original-A beside the repository), the
# shared files too, so that neither side drifts. Run by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
sums="$PWD/Tests/Fixtures/original-A/SHA256SUMS"
(cd Tests/Fixtures/original-A && sha256sum --check --quiet "$sums") \
    || { echo "error: Tests/Fixtures/original-A differs from the original's data it copies (SHA256SUMS)" >&2; exit 1; }
shared=../shared/fixtures/original-A
if [ -d "$shared" ]; then
    (cd "$shared" && sha256sum --check --quiet "$sums") \
        || { echo "error: $shared no longer matches the repository's copy (SHA256SUMS)" >&2; exit 1; }
    echo "original-A: the repository's copy and $shared are the same ($(wc -l <"$sums") files)."
else
    echo "original-A: the repository's copy matches SHA256SUMS ($shared is not here to compare with)."
fi
