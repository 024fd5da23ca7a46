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

# python_tools: a private virtualenv (.build-python/venv, out of git) with the test tools from PyPI: schemathesis
# (scripts/api-fuzz.sh), openapi-spec-validator and jsonschema (scripts/schema-check.sh). Sets $python_venv.
python_tools() {
    python_venv=${ROD_PYTHON_VENV:-.build-python/venv}
    if [ ! -x "$python_venv/bin/schemathesis" ] || [ ! -x "$python_venv/bin/openapi-spec-validator" ]; then
        install_packages python3-venv
        python3 -m venv "$python_venv"
        "$python_venv/bin/pip" install --quiet "schemathesis>=4,<5" "openapi-spec-validator>=0.7,<1" "jsonschema>=4.18,<5"
    fi
}

# The system libraries the package links: SQLite (through GRDB) and hiredis (the Redis channel layer).
SYSTEM_PACKAGES=(libsqlite3-dev libhiredis-dev)

# serve_in_background BINARY PORT: starts `BINARY serve --port PORT` with its data in a new temporary folder
# ($work), logging to $work/server.log, and waits until it serves. Sets $work and $server; on exit the server is
# stopped and the folder removed (then a PostgreSQL from start_postgres, if any). Extra settings come from the
# caller's environment.
serve_in_background() {
    work=$(mktemp -d)
    server=""
    trap '[ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; stop_postgres' EXIT
    ROD_DATA_DIR="$work/data" "$1" serve --port "$2" >"$work/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 100); do
        grep -q "serving on" "$work/server.log" 2>/dev/null && break
        sleep 0.1
    done
    grep -q "serving on" "$work/server.log" || { cat "$work/server.log" >&2; exit 1; }
}

# start_postgres [SERVER OPTION...]: starts a private PostgreSQL cluster (Debian's postgresql package, installed when
# missing) in a new temporary folder on a free loopback port, owned by the `postgres` user when run as root, with a
# database `rod_test`, and exports its URL as ROD_TEST_POSTGRES_URL. Options go to the server (`-c fsync=off`).
# `stop_postgres` stops it and removes the folder; callers put it in their EXIT trap.
start_postgres() {
    install_packages postgresql
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -x "$bin/initdb" ] || { echo "error: PostgreSQL's initdb was not found under /usr/lib/postgresql" >&2; return 1; }
    postgres_dir=$(mktemp -d /tmp/rod-postgres.XXXXXX)
    postgres_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    local as=()
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$postgres_dir"
        as=(runuser -u postgres --)
    fi
    postgres_as=("${as[@]}")
    postgres_bin=$bin
    postgres_options="$*"
    "${as[@]}" "$bin/initdb" -D "$postgres_dir/data" -A trust -U postgres >"$postgres_dir/initdb.log" 2>&1 \
        || { cat "$postgres_dir/initdb.log" >&2; return 1; }
    postgres_start || { cat "$postgres_dir/server.log" >&2; return 1; }
    "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$postgres_port" -U postgres rod_test
    export ROD_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$postgres_port/rod_test"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$postgres_port ($postgres_dir)" >&2
}

# postgres_start: starts (again) the cluster of start_postgres, with its options and port. max_connections covers
# the tests' parallel pools.
postgres_start() {
    "${postgres_as[@]}" "$postgres_bin/pg_ctl" -D "$postgres_dir/data" -l "$postgres_dir/server.log" -w -o \
        "-p $postgres_port -k $postgres_dir -c listen_addresses=127.0.0.1 -c max_connections=400 $postgres_options" \
        start >/dev/null
}

# postgres_halt MODE: stops the cluster (`pg_ctl stop -m fast` or `immediate`) and keeps it, to be started again.
postgres_halt() {
    "${postgres_as[@]}" "$postgres_bin/pg_ctl" -D "$postgres_dir/data" -m "$1" -w stop >/dev/null
}

stop_postgres() {
    [ -n "${postgres_dir:-}" ] || return 0
    postgres_halt fast >/dev/null 2>&1 || true
    rm -rf "$postgres_dir"
    postgres_dir=""
}
