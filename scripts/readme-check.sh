#!/usr/bin/env bash
# Runs the README's "Try it" commands against the built server, as a new user would after `scripts/dev.sh`, and fails
# when one answers an HTTP error or does not print what its `# → ...` comment says. The server runs on a free port with
# its data in a temporary folder (the commands' `localhost:8080` is pointed there); `rod session mint` reads the same
# folder. Run by scripts/test.sh after the build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
install_packages curl

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
serve_in_background .build/debug/rod "$port"
export ROD_DATA_DIR="$work/data"
python3 - "$port" >"$work/try-it.sh" <<'PY'
import re, shlex, sys
port = sys.argv[1]
text = open("README.md").read()
block = text.split("## Try it", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
print("set -euo pipefail")
# Any answer of 400 or more fails the command, its body shown.
print("curl() { command curl --fail-with-body \"$@\"; }")
command = ""
for line in block.splitlines():
    command += line + "\n"
    if line.rstrip().endswith("\\"):
        continue
    command = command.replace("localhost:8080", f"localhost:{port}").strip()
    if command:
        match = re.search(r"\s#\s→\s(.*)$", command)
        code = re.sub(r"\s+#.*$", "", command)
        if match:
            expected = match.group(1).strip()
            print(f"echo {shlex.quote('$ ' + code)}")
            print(f"out=$({code})")
            print('echo "$out"')
            print(f"[[ \"$out\" == *{shlex.quote(expected)}* ]] || {{ echo {shlex.quote('README: expected ' + expected)} >&2; exit 1; }}")
        else:
            print(code)
    command = ""
PY
bash "$work/try-it.sh" || { echo "README's \"Try it\" failed; the server's log:" >&2; cat "$work/server.log" >&2; exit 1; }
echo "README's \"Try it\" commands answered as documented."
