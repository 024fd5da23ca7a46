#!/usr/bin/env bash
# Measures a release build of rod serve. Prints Markdown tables for docs/performance.md.
#  - http: the bot API with wrk (2 threads, 64 connections): the server's own /health (the framework's ceiling
#    on this machine), bot/character/get by primary key, bot/character/get/names, the web's api/character/get/v5 of
#    signed-in users, and bot/character/save spread over many characters, then all to one.
#  - fanout: the gateway. N sockets (100, then 1000) of one user follow one character; rod-bench saves it through
#    the bot API and measures, from each save's response to each socket's UPDATE_CHARACTER, p50, p99 and misses,
#    and the server's resident memory before, with the sockets open (and per socket), after the saves and 12 s after
#    the sockets close.
#  - ready: READY of the storyteller of one large chronicle (2,000 players, 10,000 characters, written straight into
#    the server's SQLite database), read by one socket, again, then five at once: time, frame size, resident memory.
#
#   scripts/bench.sh                 # defaults: 1000 characters, 10 s per run, both parts
#   BENCH_DURATION=30s BENCH_CHARACTERS=5000 scripts/bench.sh
#   ROD_SQLITE_SYNCHRONOUS=full scripts/bench.sh
#   BENCH_PARTS=fanout BENCH_SOCKETS="100 1000 2000" scripts/bench.sh
#   BENCH_PARTS=ready BENCH_READY_MEMBERS=500 BENCH_READY_CHARACTERS=2000 scripts/bench.sh
#   BENCH_STORE=postgresql scripts/bench.sh      # a private PostgreSQL (durable defaults) on loopback
#   DATABASE_URL=postgresql://... scripts/bench.sh   # or an existing one
#   BENCH_ROD=/elsewhere/.build/release/rod scripts/bench.sh   # another build's server (say, the commit before)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_swift
install_packages "${SYSTEM_PACKAGES[@]}" wrk curl
ROD=${BENCH_ROD:-.build/release/rod}
[ -n "${BENCH_ROD:-}" ] || swift build -c release --product rod >&2
swift build -c release --product rod-bench >&2
# A thousand sockets on each side need more descriptors than the usual 1024.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

PARTS=${BENCH_PARTS:-http,fanout,ready}
SOCKETS=${BENCH_SOCKETS:-100 1000}
PORT=${BENCH_PORT:-18090}
CHARACTERS=${BENCH_CHARACTERS:-1000}
DURATION=${BENCH_DURATION:-10s}
THREADS=2
CONNECTIONS=64
PER_USER=10   # characters per seeded user, well under the base tier's limit
URL="http://127.0.0.1:$PORT"

STORE=${BENCH_STORE:-sqlite}
if [ "$STORE" = postgresql ] && [ -z "${DATABASE_URL:-}" ]; then
    start_postgres
    export DATABASE_URL=$ROD_TEST_POSTGRES_URL
fi
[ -n "${DATABASE_URL:-}" ] && STORE="postgresql"
echo "Store: $STORE" >&2

# The fan-out opens all its sockets as one user, so that user may hold more than the default 16.
# The field updates' sockets send as fast as they are answered, beyond the per-socket rate a page is held to.
LOG_LEVEL=warning ROD_GATEWAY_MAX_CONNECTIONS_PER_USER=10000 ROD_GATEWAY_MESSAGES_PER_SECOND=100000 \
    ROD_GATEWAY_MESSAGE_BURST=100000 serve_in_background "$ROD" "$PORT"

bench_http() {
    echo "Seeding $CHARACTERS characters through bot/character/new..." >&2
    seed() {
        local id=$1 user=$((2000 + ($1 - 1) / PER_USER))
        curl -s -o /dev/null -w "%{http_code}\n" -X POST "$URL/bot/character/new" -H "Content-Type: application/json" \
            -d "{\"APIKey\":\"dev-api-key\",\"character\":{\"name\":\"Bench $id\",\"id\":null,\"user\":\"$user\",\"chronicle\":null,\"splat\":\"vampire5th\",\"theme\":\"#8a0303\",\"avatar\":\"\",\"exp_total\":10,\"exp_current\":4,\"willpower_total\":5,\"willpower_superficial\":1,\"willpower_aggravated\":0,\"health_total\":6,\"health_superficial\":0,\"health_aggravated\":0,\"hunger\":2,\"humanity\":7,\"stains\":0}}"
    }
    export -f seed
    export URL PER_USER
    created=$(seq 1 "$CHARACTERS" | xargs -P 4 -I{} bash -c 'seed {}' | grep -c '^201$' || true)
    [ "$created" -eq "$CHARACTERS" ] || { echo "only $created of $CHARACTERS characters were created" >&2; exit 1; }

    # Ids are assigned in whatever order the parallel creations land: read each user's characters back through
    # bot/character/get/names into a table of {id, user, name} that both wrk scripts load. Each wrk thread also gets
    # its own random seed; otherwise both draw the same characters in lockstep.
    cat >"$work/characters.lua" <<LUA
local threads = 0
function setup(thread) threads = threads + 1; thread:set("seed", threads) end
function init(args) math.randomseed(os.time() * 100 + seed) end
LUA
    echo "characters = {" >>"$work/characters.lua"
    for user in $(seq 2000 $((2000 + (CHARACTERS - 1) / PER_USER))); do
        curl -s -X POST "$URL/bot/character/get/names" -H "Content-Type: application/json" \
            -d "{\"APIKey\":\"dev-api-key\",\"user_id\":\"$user\"}" \
            | grep -o '"id":[0-9]*,"name":"[^"]*"' \
            | sed -E "s/\"id\":([0-9]+),\"name\":\"([^\"]*)\"/  {id = \\1, user = \"$user\", name = \"\\2\"},/"
    done >>"$work/characters.lua"
    echo "}" >>"$work/characters.lua"
    [ "$(grep -c '{id =' "$work/characters.lua")" -eq "$CHARACTERS" ] || { echo "could not read the seeded characters back" >&2; exit 1; }

    cat >"$work/get.lua" <<LUA
dofile("$work/characters.lua")
request = function()
  local character = characters[math.random(1, #characters)]
  local body = string.format('{"APIKey":"dev-api-key","pk":%d}', character.id)
  return wrk.format("POST", "/bot/character/get", {["Content-Type"] = "application/json"}, body)
end
LUA
    cat >"$work/names.lua" <<LUA
dofile("$work/characters.lua")
request = function()
  local character = characters[math.random(1, #characters)]
  local body = string.format('{"APIKey":"dev-api-key","user_id":"%s"}', character.user)
  return wrk.format("POST", "/bot/character/get/names", {["Content-Type"] = "application/json"}, body)
end
LUA
    # The web's reads: each seeded user signed in (a session each, so that no user's daily quota runs out), reading
    # one of their characters at random as its page does.
    echo "Minting a session for each seeded user..." >&2
    mint() { printf '  ["%s"] = "%s",\n' "$1" "$(ROD_DATA_DIR="$work/data" "$ROD" session mint "$1")"; }
    export -f mint
    export ROD work
    { echo "cookies = {"; seq 2000 $((2000 + (CHARACTERS - 1) / PER_USER)) | xargs -P 4 -I{} bash -c 'mint {}'; echo "}"; } \
        >"$work/cookies.lua"
    cat >"$work/web-get.lua" <<LUA
dofile("$work/characters.lua")
dofile("$work/cookies.lua")
request = function()
  local character = characters[math.random(1, #characters)]
  return wrk.format("GET", "/api/character/get/v5?id=" .. character.id, {["Cookie"] = cookies[character.user]})
end
LUA
    # save.lua spreads the saves over every character; save-one.lua sends them all to one.
    for pick in "math.random(1, #characters)" 1; do
        local file=$work/save.lua
        [ "$pick" = 1 ] && file=$work/save-one.lua
        cat >"$file" <<LUA
dofile("$work/characters.lua")
request = function()
  local character = characters[$pick]
  local body = string.format('{"APIKey":"dev-api-key","character":{"name":"%s","id":%d,"user":"%s","chronicle":null,'
    .. '"splat":"vampire5th","theme":"#8a0303","avatar":"","exp_total":10,"exp_current":4,"willpower_total":5,'
    .. '"willpower_superficial":%d,"willpower_aggravated":0,"health_total":6,"health_superficial":%d,'
    .. '"health_aggravated":0,"hunger":%d,"humanity":7,"stains":%d}}',
    character.name, character.id, character.user, math.random(0, 4), math.random(0, 5), math.random(0, 5),
    math.random(0, 3))
  return wrk.format("POST", "/bot/character/save", {["Content-Type"] = "application/json"}, body)
end
LUA
    done

    # run NAME PATH [SCRIPT]: one wrk run, printed as a table row; wrk's full output is kept for the log.
    run() {
        local name=$1 path=$2 script=${3:-}
        local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency)
        [ -n "$script" ] && args+=(-s "$script")
        local out="$work/wrk-$(echo "$name" | tr -c 'a-z0-9' '-').txt"
        wrk "${args[@]}" "$URL$path" >"$out"
        cat "$out" >&2
        local rps p50 p99 non2xx socket
        rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
        p50=$(awk '$1 == "50%" {print $2}' "$out")
        p99=$(awk '$1 == "99%" {print $2}' "$out")
        non2xx=$(awk '/Non-2xx/ {print $5}' "$out")
        socket=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out")
        printf "| %s | %.0f | %s | %s | %s |\n" "$name" "$rps" "$p50" "$p99" "$(( ${non2xx:-0} + ${socket:-0} ))"
    }

    echo
    local store="SQLite synchronous=${ROD_SQLITE_SYNCHRONOUS:-normal}"
    [ "$STORE" = postgresql ] && store="PostgreSQL ($(psql "$DATABASE_URL" -Atc 'SHOW server_version' 2>/dev/null || echo '?'), same machine)"
    echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m), release build, $store,"
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $CHARACTERS characters; wrk and the server share the machine."
    echo
    echo "| endpoint | requests/s | p50 | p99 | errors |"
    echo "|---|---|---|---|---|"
    run "GET /health" /health
    run "POST bot/character/get" /bot/character/get "$work/get.lua"
    run "POST bot/character/get/names" /bot/character/get/names "$work/names.lua"
    run "GET api/character/get/v5 (signed in)" /api/character/get/v5 "$work/web-get.lua"
    run "POST bot/character/save, spread" /bot/character/save "$work/save.lua"
    run "POST bot/character/save, one character" /bot/character/save "$work/save-one.lua"
    bench_field_updates
    echo
    echo "Server resident memory after the runs: $(( $(ps -o rss= -p "$server") / 1024 )) MiB"
}

# The gateway's field updates: 32 users, each with a web sheet and a socket sending updates of it in a closed loop
# (the server's per-socket message rate is raised for this run; each user's daily quota holds 2,000 updates).
bench_field_updates() {
    echo "Field updates: 32 users, a sheet and a socket each..." >&2
    : >"$work/sheets.tsv"
    for i in $(seq 1 32); do
        local cookie csrf id
        cookie=$(ROD_DATA_DIR="$work/data" "$ROD" session mint $((5000 + i)))
        csrf=${cookie##*csrftoken=}
        id=$(curl -s "$URL/api/character/new/vampire5th?name=Field%20$i" -H "Cookie: $cookie" -H "X-CSRFToken: $csrf" \
            | grep -o '[0-9]*')
        printf '%s\t%s\n' "$cookie" "$id" >>"$work/sheets.tsv"
    done
    .build/release/rod-bench field-updates --url "$URL" --sheets "$work/sheets.tsv" --seconds "${DURATION%s}"
}

bench_fanout() {
    echo "Fan-out: creating the watched character and a session of its owner..." >&2
    curl -s -o /dev/null -X POST "$URL/bot/character/new" -H "Content-Type: application/json" \
        -d '{"APIKey":"dev-api-key","character":{"name":"Fanout","user":"3000","splat":"vampire5th","chronicle":null}}'
    id=$(curl -s -X POST "$URL/bot/character/get/names" -H "Content-Type: application/json" \
        -d '{"APIKey":"dev-api-key","user_id":"3000"}' | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
    [ -n "$id" ] || { echo "could not create the fan-out character" >&2; exit 1; }
    cookie=$(ROD_DATA_DIR="$work/data" "$ROD" session mint 3000)
    echo
    echo "Fan-out: one user's sockets follow one character; 20 saves through bot/character/save, each timed from"
    echo "its HTTP response to every socket's UPDATE_CHARACTER (rod-bench and the server share the machine)."
    echo
    echo "| sockets | saves | p50 | p99 | max | missed | server RSS before | sockets open, idle | per socket | after the saves | 12 s after they close | time to open them |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
    for n in $SOCKETS; do
        .build/release/rod-bench fanout --url "$URL" --cookie "$cookie" --character "$id" --user 3000 --name Fanout \
            --sockets "$n" --saves 20 --pid "$server"
        sleep 2
    done
}

# READY of a large chronicle's storyteller. The chronicle is written straight into the server's database (SQLite).
bench_ready() {
    if [ "$STORE" != sqlite ]; then
        echo "READY: seeding writes SQLite; skipped on $STORE" >&2
        return
    fi
    local members=${BENCH_READY_MEMBERS:-2000} characters=${BENCH_READY_CHARACTERS:-10000}
    echo "READY: seeding a chronicle of $members players and $characters characters..." >&2
    .build/release/rod-bench seed-chronicle --database "$work/data/db.sqlite3" --splats "${ROD_SPLATS_DIR:-splats}" \
        --members "$members" --characters "$characters"
    cookie=$(ROD_DATA_DIR="$work/data" "$ROD" session mint 4000)
    echo
    echo "READY of the storyteller of a chronicle of $members players and $characters characters, each socket timed from"
    echo "its identify to its READY (rod-bench and the server share the machine)."
    echo
    echo "| READYs at once | slowest | all of them | frame | server RSS before | READY read | 2 s after the sockets close |"
    echo "|---|---|---|---|---|---|---|"
    for n in 1 1 5; do
        .build/release/rod-bench ready --url "$URL" --cookie "$cookie" --at-once "$n" --pid "$server"
        sleep 2
    done
}

if [[ ",$PARTS," == *",http,"* ]]; then bench_http; fi
if [[ ",$PARTS," == *",fanout,"* ]]; then bench_fanout; fi
if [[ ",$PARTS," == *",ready,"* ]]; then bench_ready; fi
