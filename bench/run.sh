#!/usr/bin/env bash
# Measures tools/call of a trivial echo tool with wrk, from outside the JVM, on four targets:
#   ours-rpc  our server, POST /rpc (plain JSON-RPC)
#   ours-mcp  our server, POST /mcp (Streamable HTTP, one session made by initialize)
#   bare      a bare Jetty 12 ee10 servlet answering the same bytes (the practical limit)
#   sdk       the official MCP Java SDK's stateless Streamable HTTP servlet, POST /mcp
# Each target runs in its own JVM, started fresh, warmed up, then measured. Writes
# bench/target/results.md. Any non-2xx answer, wrong body or socket error fails the run.
#
# Settings (environment): CONNECTIONS (32), THREADS (2), DURATION (10s), WARMUP (30s: on 2 cores C2 needs more than 5 s, see docs/BENCHMARKS.md),
# ROUNDS (3: measured runs per target, the median reported), JAVA_OPTS (-Xms512m -Xmx512m), TARGETS ("ours-rpc ours-mcp bare sdk"), MVN_ARGS (extra
# arguments for the build, such as -o), SKIP_BUILD=1 to reuse the last build.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
target_dir="$here/target"
lua="$here/wrk/tools_call.lua"

CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-30s}"
JAVA_OPTS="${JAVA_OPTS:--Xms512m -Xmx512m}"
TARGETS="${TARGETS:-ours-rpc ours-mcp bare sdk}"
ROUNDS="${ROUNDS:-3}"
MVN_ARGS="${MVN_ARGS:-}"

BODY='{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"hello"}}}'
INIT='{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"wrk","version":"1"}}}'
MCP_HEADERS=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream'
    -H 'MCP-Protocol-Version: 2025-06-18')

# shellcheck source=bench/lib.sh
. "$here/lib.sh"

# --- wrk -------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
    log "wrk is missing; installing it with apt-get"
    sudo_cmd=()
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
    "${sudo_cmd[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q wrk
fi
command -v curl >/dev/null 2>&1 || die "curl is needed"

# --- build -----------------------------------------------------------------------------------
build_bench

# --- servers ---------------------------------------------------------------------------------
trap stop_server EXIT

# An initialized Streamable HTTP session of our server: its Mcp-Session-Id.
open_session() {
    local url="$1" headers session
    headers="$(curl -s -D - -o /dev/null --max-time 10 "${MCP_HEADERS[@]}" -d "$INIT" "$url")"
    session="$(printf '%s\n' "$headers" | tr -d '\r' | awk -F': *' 'tolower($1)=="mcp-session-id"{print $2}')"
    [ -n "$session" ] || die "initialize at $url gave no Mcp-Session-Id: $headers"
    local status
    status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "${MCP_HEADERS[@]}" \
        -H "Mcp-Session-Id: $session" -d '{"jsonrpc":"2.0","method":"notifications/initialized"}' "$url")"
    [ "$status" = "202" ] || die "notifications/initialized answered $status"
    echo "$session"
}

# run_wrk LABEL DURATION URL: runs wrk with the Lua script; prints its RESULT line, fails on
# any failure it counted.
run_wrk() {
    local label="$1" duration="$2" url="$3" out line
    out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 5s -s "$lua" "$url")"
    printf '%s\n' "$out" >"$target_dir/wrk-$label.txt"
    line="$(printf '%s\n' "$out" | grep '^RESULT ' || true)"
    [ -n "$line" ] || die "$label: wrk printed no RESULT line: $out"
    for counter in non2xx bad_body socket_errors; do
        local n
        n="$(field "$line" "$counter")"
        [ "$n" = "0" ] || die "$label: $counter=$n (see $target_dir/wrk-$label.txt)"
    done
    echo "$line"
}

# field LINE NAME: the value of NAME=value in a RESULT line.
field() { printf '%s\n' "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k{print $2}'; }

mkdir -p "$target_dir"
declare -A rps p50 p99 endpoint all_rps
expected=""

for t in $TARGETS; do
    case "$t" in
        ours-rpc) kind=ours path=/rpc mcp=0 session=1 ;;
        ours-mcp) kind=ours path=/mcp mcp=1 session=1 ;;
        bare) kind=bare path=/rpc mcp=0 session=0 ;;
        sdk) kind=sdk path=/mcp mcp=1 session=0 ;;
        *) die "unknown target $t" ;;
    esac
    port="$(free_port)"
    log "$t: starting $kind on port $port"
    start_server "$kind" "$port"
    url="http://127.0.0.1:$port$path"
    export BENCH_MCP="$mcp" BENCH_SESSION=""
    extra=()
    if [ "$mcp" = "1" ]; then extra=("${MCP_HEADERS[@]}"); fi
    if [ "$kind" = "ours" ] && [ "$mcp" = "1" ]; then
        BENCH_SESSION="$(open_session "$url")"
        extra+=(-H "Mcp-Session-Id: $BENCH_SESSION")
    fi
    # Every target must give the same answer; the first one sets it.
    answer="$(curl -s --max-time 10 -H 'Content-Type: application/json' "${extra[@]}" -d "$BODY" "$url")"
    if [ -z "$expected" ]; then expected="$answer"; fi
    [ "$answer" = "$expected" ] || die "$t answered $answer, not $expected"
    log "$t: warm-up $WARMUP"
    run_wrk "$t-warmup" "$WARMUP" "$url" >/dev/null
    # ROUNDS measured runs in the same JVM; the one of median req/s stands for the target.
    lines=()
    for round in $(seq 1 "$ROUNDS"); do
        log "$t: round $round/$ROUNDS, $DURATION, $CONNECTIONS connections, $THREADS threads"
        lines+=("$(run_wrk "$t-$round" "$DURATION" "$url")")
        log "$t: ${lines[-1]}"
    done
    line="$(printf '%s\n' "${lines[@]}" | sort -t= -k3 -g | sed -n "$(((ROUNDS + 1) / 2))p")"
    all_rps[$t]="$(for l in "${lines[@]}"; do field "$l" rps; done | paste -sd' ')"
    rps[$t]="$(field "$line" rps)"
    p50[$t]="$(field "$line" p50_ms)"
    p99[$t]="$(field "$line" p99_ms)"
    endpoint[$t]="POST $path"
    stop_server
done

# --- report ----------------------------------------------------------------------------------
ratio() {
    if [ -n "${rps[$1]:-}" ] && [ -n "${rps[$2]:-}" ]; then
        awk -v a="${rps[$1]}" -v b="${rps[$2]}" 'BEGIN{printf "%.2f", a/b}'
    else
        echo "n/a"
    fi
}
label() {
    case "$1" in
        ours-rpc) echo "ours, JSON-RPC" ;;
        ours-mcp) echo "ours, Streamable HTTP" ;;
        bare) echo "bare Jetty servlet" ;;
        sdk) echo "official MCP Java SDK 2.1.0 (stateless servlet)" ;;
    esac
}

results="$target_dir/results.md"
{
    echo "# tools/call throughput"
    echo
    machine_lines
    echo "- wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $THREADS threads, $CONNECTIONS connections," \
        "$WARMUP warm-up then $ROUNDS × $DURATION measured (the median run reported), on the same machine as the server"
    echo "- JVM options: $JAVA_OPTS; LOG_LEVEL=WARN"
    echo
    echo "| target | endpoint | req/s (median) | p50 (ms) | p99 (ms) | req/s of each run |"
    echo "|---|---|---:|---:|---:|---|"
    for t in $TARGETS; do
        echo "| $(label "$t") | ${endpoint[$t]} | ${rps[$t]} | ${p50[$t]} | ${p99[$t]} | ${all_rps[$t]} |"
    done
    echo
    echo "| ratio (req/s) | value | target |"
    echo "|---|---:|---:|"
    echo "| ours /rpc ÷ bare | $(ratio ours-rpc bare) | ≥ 0.85 |"
    echo "| ours /rpc ÷ official SDK | $(ratio ours-rpc sdk) | ≥ 1.7 |"
    echo "| ours /mcp ÷ bare | $(ratio ours-mcp bare) | ≥ 0.7 |"
    echo "| ours /mcp ÷ official SDK | $(ratio ours-mcp sdk) | |"
} >"$results"
log "wrote $results"
cat "$results"
