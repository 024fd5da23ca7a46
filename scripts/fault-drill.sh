#!/usr/bin/env bash
# Faults under load, measured from outside. For each fault: a new database on a private PostgreSQL and a new
# redis-server (both on loopback), two `rod serve` processes on them, eight clients saving counters through both in
# closed loops (`rod-bench fault-drill`), and one gateway page per process following every character. After 10 s the
# fault is injected for DRILL_FAULT_SECONDS (10), then undone; the clients save for DRILL_SECONDS (40) in all.
# Prints a Markdown row per fault: saves acknowledged, every answer by status, the slowest answer and the slowest 503,
# acknowledged saves lost (stored counter below the last 200), times a page was shown an older revision than it had,
# and pages not on the stored state 5 s after the last save.
#
#   scripts/fault-drill.sh                                   # every fault, release build
#   DRILL_FAULTS="postgres-stop redis-freeze" scripts/fault-drill.sh
#   DRILL_ROD=.build/debug/rod scripts/fault-drill.sh        # another build
#
# Faults: none, postgres-stop (pg_ctl stop -m fast), postgres-kill (-m immediate), redis-kill (SIGKILL, then a new
# redis-server on the same port), redis-freeze (SIGSTOP, then SIGCONT), process-kill (SIGKILL of the second process,
# then a new one on its port).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_swift
install_packages "${SYSTEM_PACKAGES[@]}" redis-server postgresql curl
ROD=${DRILL_ROD:-.build/release/rod}
[ -n "${DRILL_ROD:-}" ] || swift build -c release --product rod >&2
swift build -c release --product rod-bench >&2
BENCH=.build/release/rod-bench

FAULTS=${DRILL_FAULTS:-none postgres-stop postgres-kill redis-kill redis-freeze process-kill}
RUN_SECONDS=${DRILL_SECONDS:-40}
FAULT_SECONDS=${DRILL_FAULT_SECONDS:-10}
CLIENTS=8
PORTS=(18091 18092)

work=$(mktemp -d)
pids=()
redis_pid=""
cleanup() {
    for pid in "${pids[@]}" $redis_pid; do kill -CONT "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    stop_postgres
    rm -rf "$work"
}
trap cleanup EXIT
start_postgres >&2
redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

start_redis() {
    redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$work/redis.log" 2>&1 &
    redis_pid=$!
    for _ in $(seq 1 100); do grep -q "Ready to accept" "$work/redis.log" && return; sleep 0.05; done
}

# serve INDEX: `rod serve` number INDEX on its port, logging to $work/rod-INDEX.log.
serve() {
    local index=$1
    ROD_DATA_DIR="$work/data-$index" LOG_LEVEL=notice "$ROD" serve --port "${PORTS[$index]}" >>"$work/rod-$index.log" 2>&1 &
    pids[index]=$!
    for _ in $(seq 1 200); do
        curl -sf "http://127.0.0.1:${PORTS[$index]}/health" >/dev/null && return
        sleep 0.05
    done
    echo "rod $index did not start:" >&2; cat "$work/rod-$index.log" >&2; exit 1
}

# stop PID: SIGTERM, as an orchestrator stops a process; one that has not exited within 10 s is reported and killed.
stop() {
    kill "$1" 2>/dev/null || return 0
    for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || { wait "$1" 2>/dev/null || true; return 0; }; sleep 0.1; done
    echo "    rod ($1) did not stop within 10 s of SIGTERM" >&2
    kill -9 "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

inject() {
    case $1 in
        none) ;;
        postgres-stop) postgres_halt fast ;;
        postgres-kill) postgres_halt immediate ;;
        redis-kill) kill -9 "$redis_pid"; wait "$redis_pid" 2>/dev/null || true ;;
        redis-freeze) kill -STOP "$redis_pid" ;;
        process-kill) kill -9 "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true ;;
    esac
}

undo() {
    case $1 in
        postgres-stop | postgres-kill) postgres_start ;;
        redis-kill) start_redis ;;
        redis-freeze) kill -CONT "$redis_pid" ;;
        process-kill) serve 1 ;;
    esac
}

echo "| fault | saves acknowledged | answers | slowest answer | slowest 503 | acknowledged saves lost | pages shown an older revision | pages not on the stored state |"
echo "|---|---|---|---|---|---|---|---|"
round=0
for fault in $FAULTS; do
    round=$((round + 1))
    database="drill_$round"
    "${postgres_as[@]}" "$postgres_bin/createdb" -h 127.0.0.1 -p "$postgres_port" -U postgres "$database"
    export DATABASE_URL="postgresql://postgres@127.0.0.1:$postgres_port/$database?sslmode=disable"
    export REDIS_URL="redis://127.0.0.1:$redis_port/0"
    start_redis
    serve 0
    serve 1
    sleep 1
    for client in $(seq 1 $CLIENTS); do
        curl -sf -o /dev/null -X POST "http://127.0.0.1:${PORTS[0]}/bot/character/new" -H "Content-Type: application/json" \
            -d "{\"APIKey\":\"dev-api-key\",\"character\":{\"name\":\"Drill $client\",\"user\":\"1001\",\"splat\":\"vampire5th\"}}"
    done
    ids=$(curl -s -X POST "http://127.0.0.1:${PORTS[0]}/bot/character/get/names" -H "Content-Type: application/json" \
        -d '{"APIKey":"dev-api-key","user_id":"1001"}' | grep -o '"id":[0-9]*' | cut -d: -f2 | paste -sd,)
    cookie=$(ROD_DATA_DIR="$work/data-0" "$ROD" session mint 1001)
    urls="http://127.0.0.1:${PORTS[0]},http://127.0.0.1:${PORTS[1]}"
    "$BENCH" fault-drill --urls "$urls" --cookie "$cookie" --user 1001 --characters "$ids" \
        --seconds "$RUN_SECONDS" --fault "$fault" >"$work/row.txt" &
    drill=$!
    sleep 10
    inject "$fault"
    sleep "$FAULT_SECONDS"
    undo "$fault"
    wait "$drill"
    cat "$work/row.txt"
    grep -hE "PostgreSQL (unavailable|available again)|Redis (unavailable|is back)|were lost|has not answered" \
        "$work"/rod-*.log | sed 's/^/    /' >&2 || true
    for pid in "${pids[@]}"; do stop "$pid"; done
    kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true
    rm -f "$work"/rod-*.log
done
