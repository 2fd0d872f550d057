#!/usr/bin/env bash
# Measures tools/call of a trivial echo tool with wrk, from outside the JVM, on four targets:
#   ours-rpc  our server, POST /rpc (plain JSON-RPC)
#   ours-mcp  our server, POST /mcp (Streamable HTTP, one session made by initialize)
#   bare      a bare Jetty 12 ee10 servlet answering the same bytes (the practical limit)
#   sdk       the official MCP Java SDK's stateless Streamable HTTP servlet, POST /mcp
# Each target runs in its own JVM. All are started, checked and warmed up first; then the measured
# runs take turns (round 1 of every target, then round 2, ...), so that a disturbance of the shared
# machine falls on every target alike rather than on whichever ran at that moment. Besides wrk's
# figures, each run records the CPU time the server's JVM used per request (from /proc), which
# depends far less on what else the machine is doing than req/s does. Writes
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
declare -A pid url session
stop_servers() {
    for t in "${!pid[@]}"; do
        kill "${pid[$t]}" 2>/dev/null || true
        wait "${pid[$t]}" 2>/dev/null || true
    done
}
trap stop_servers EXIT

# An initialized Streamable HTTP session of our server: its Mcp-Session-Id.
open_session() {
    local url="$1" headers id
    headers="$(curl -s -D - -o /dev/null --max-time 10 "${MCP_HEADERS[@]}" -d "$INIT" "$url")"
    id="$(printf '%s\n' "$headers" | tr -d '\r' | awk -F': *' 'tolower($1)=="mcp-session-id"{print $2}')"
    [ -n "$id" ] || die "initialize at $url gave no Mcp-Session-Id: $headers"
    local status
    status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "${MCP_HEADERS[@]}" \
        -H "Mcp-Session-Id: $id" -d '{"jsonrpc":"2.0","method":"notifications/initialized"}' "$url")"
    [ "$status" = "202" ] || die "notifications/initialized answered $status"
    echo "$id"
}

# The CPU time (user + system, in clock ticks) a process has used so far.
total_ticks() { cpu_ticks "$1" | awk '{print $1 + $2}'; }

# run_wrk TARGET LABEL DURATION: runs wrk with the Lua script against TARGET; prints its RESULT
# line with the server's CPU microseconds per request added, and fails on any failure it counted.
run_wrk() {
    local t="$1" label="$2" duration="$3" out line before after
    export BENCH_MCP=0 BENCH_SESSION="${session[$t]}"
    case "$t" in ours-mcp | sdk) BENCH_MCP=1 ;; esac
    before="$(total_ticks "${pid[$t]}")"
    out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 5s -s "$lua" "${url[$t]}")"
    after="$(total_ticks "${pid[$t]}")"
    printf '%s\n' "$out" >"$target_dir/wrk-$label.txt"
    line="$(printf '%s\n' "$out" | grep '^RESULT ' || true)"
    [ -n "$line" ] || die "$label: wrk printed no RESULT line: $out"
    for counter in non2xx bad_body socket_errors; do
        local n
        n="$(field "$line" "$counter")"
        [ "$n" = "0" ] || die "$label: $counter=$n (see $target_dir/wrk-$label.txt)"
    done
    echo "$line cpu_us=$(awk -v t=$((after - before)) -v hz="$ticks_per_s" -v n="$(field "$line" requests)" \
        'BEGIN{printf "%.1f", t * 1e6 / hz / n}')"
}

# field LINE NAME: the value of NAME=value in a RESULT line.
field() { printf '%s\n' "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k{print $2}'; }

# median_line LINES... : the line of median req/s.
median_line() { printf '%s\n' "$@" | sort -t= -k3 -g | sed -n "$((($# + 1) / 2))p"; }

ticks_per_s="$(getconf CLK_TCK)"
mkdir -p "$target_dir"
expected=""
for t in $TARGETS; do
    case "$t" in
        ours-rpc) kind=ours path=/rpc ;;
        ours-mcp) kind=ours path=/mcp ;;
        bare) kind=bare path=/rpc ;;
        sdk) kind=sdk path=/mcp ;;
        *) die "unknown target $t" ;;
    esac
    port="$(free_port)"
    log "$t: starting $kind on port $port"
    start_server "$kind" "$port" "$t"
    pid[$t]="$server_pid"
    url[$t]="http://127.0.0.1:$port$path"
    session[$t]=""
    extra=()
    case "$t" in ours-mcp | sdk) extra=("${MCP_HEADERS[@]}") ;; esac
    if [ "$t" = "ours-mcp" ]; then
        session[$t]="$(open_session "${url[$t]}")"
        extra+=(-H "Mcp-Session-Id: ${session[$t]}")
    fi
    # Every target must give the same answer; the first one sets it.
    answer="$(curl -s --max-time 10 -H 'Content-Type: application/json' "${extra[@]}" -d "$BODY" "${url[$t]}")"
    if [ -z "$expected" ]; then expected="$answer"; fi
    [ "$answer" = "$expected" ] || die "$t answered $answer, not $expected"
done
for t in $TARGETS; do
    log "$t: warm-up $WARMUP"
    run_wrk "$t" "$t-warmup" "$WARMUP" >/dev/null
done

declare -A lines
for round in $(seq 1 "$ROUNDS"); do
    for t in $TARGETS; do
        log "$t: round $round/$ROUNDS, $DURATION, $CONNECTIONS connections, $THREADS threads"
        line="$(run_wrk "$t" "$t-$round" "$DURATION")"
        log "$t: $line"
        lines[$t]+="$line"$'\n'
    done
done

declare -A rps p50 p99 cpu endpoint all_rps
for t in $TARGETS; do
    mapfile -t runs < <(printf '%s' "${lines[$t]}")
    line="$(median_line "${runs[@]}")"
    all_rps[$t]="$(for l in "${runs[@]}"; do field "$l" rps; done | paste -sd' ')"
    rps[$t]="$(field "$line" rps)"
    p50[$t]="$(field "$line" p50_ms)"
    p99[$t]="$(field "$line" p99_ms)"
    cpu[$t]="$(for l in "${runs[@]}"; do field "$l" cpu_us; done | sort -g | sed -n "$(((${#runs[@]} + 1) / 2))p")"
    endpoint[$t]="POST ${url[$t]##*[0-9]}"
done
stop_servers
trap - EXIT

# --- report ----------------------------------------------------------------------------------
# ratio A B: A's req/s over B's.
ratio() { quotient "${rps[$1]:-}" "${rps[$2]:-}"; }
# cpu_ratio A B: how many of A's requests one of B's costs in server CPU (B's µs over A's).
cpu_ratio() { quotient "${cpu[$2]:-}" "${cpu[$1]:-}"; }
quotient() {
    if [ -n "$1" ] && [ -n "$2" ]; then
        awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'
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
        "$WARMUP warm-up then $ROUNDS × $DURATION measured, the targets taking turns (the median run reported)," \
        "on the same machine as the server"
    echo "- server CPU: the JVM's user + system time during a run divided by its requests (median over the runs)"
    echo "- JVM options: $JAVA_OPTS; LOG_LEVEL=WARN"
    echo
    echo "| target | endpoint | req/s (median) | p50 (ms) | p99 (ms) | server CPU (µs/request) | req/s of each run |"
    echo "|---|---|---:|---:|---:|---:|---|"
    for t in $TARGETS; do
        echo "| $(label "$t") | ${endpoint[$t]} | ${rps[$t]} | ${p50[$t]} | ${p99[$t]} | ${cpu[$t]} | ${all_rps[$t]} |"
    done
    echo
    echo "| ratio | by req/s | by server CPU per request | target |"
    echo "|---|---:|---:|---:|"
    echo "| ours /rpc ÷ bare | $(ratio ours-rpc bare) | $(cpu_ratio ours-rpc bare) | ≥ 0.85 |"
    echo "| ours /rpc ÷ official SDK | $(ratio ours-rpc sdk) | $(cpu_ratio ours-rpc sdk) | ≥ 1.7 |"
    echo "| ours /mcp ÷ bare | $(ratio ours-mcp bare) | $(cpu_ratio ours-mcp bare) | ≥ 0.7 |"
    echo "| ours /mcp ÷ official SDK | $(ratio ours-mcp sdk) | $(cpu_ratio ours-mcp sdk) | |"
} >"$results"
log "wrote $results"
cat "$results"
