# Shared by the scripts: find Swift, install missing Debian packages.
# shellcheck shell=bash

# Swift ships outside Debian; the machines have it under /opt/swift.
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

require_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        echo "error: Swift 6.1 or newer is needed and was not found (see https://www.swift.org/install/linux/)." >&2
        exit 1
    fi
}

# install_packages PKG...: installs the Debian packages that are not installed yet.
install_packages() {
    local missing=()
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing ${missing[*]}..." >&2
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 \
        || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "${missing[@]}" >/dev/null; }
}

# The system libraries the package links: SQLite (through GRDB) and hiredis (the Redis channel layer).
SYSTEM_PACKAGES=(libsqlite3-dev libhiredis-dev)

# serve_in_background BINARY PORT: starts `BINARY serve --port PORT` with its data in a new temporary folder
# ($work), logging to $work/server.log, and waits until it serves. Sets $work and $server; on exit the server is
# stopped and the folder removed. Extra settings come from the caller's environment.
serve_in_background() {
    work=$(mktemp -d)
    server=""
    trap '[ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
    ROD_DATA_DIR="$work/data" "$1" serve --port "$2" >"$work/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 100); do
        grep -q "serving on" "$work/server.log" 2>/dev/null && break
        sleep 0.1
    done
    grep -q "serving on" "$work/server.log" || { cat "$work/server.log" >&2; exit 1; }
}
