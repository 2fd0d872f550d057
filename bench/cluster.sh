#!/usr/bin/env bash
# Measures what routing costs in a cluster (issue 10): two instances of our server share a
# redis-server on loopback; the seed SSE round trip (POST /sse of a tools/call of the echo tool
# until its mcp-response event arrives) is measured with the streams on instance A and the POSTs
# sent to A itself (local) and then to B (routed through Redis pub/sub to A), at the same fixed
# rate, in alternating rounds. The load generator is io.clgmcp.bench.sse.SseBench, as in sse.sh.
# Writes bench/target/cluster-results.md; any error or missing answer fails the run.
#
# Needs redis-server (Debian's package). Settings (environment): CONNECTIONS (100), RATE (1000
# requests/s), WARMUP (10s), DURATION (20s), ROUNDS (2 per mode), JAVA_OPTS (servers, -Xms256m
# -Xmx256m), CLIENT_JAVA_OPTS (-Xmx512m), MVN_ARGS, SKIP_BUILD=1 to reuse the last build.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
target_dir="$here/target"

CONNECTIONS="${CONNECTIONS:-100}"
RATE="${RATE:-1000}"
WARMUP="${WARMUP:-10s}"
DURATION="${DURATION:-20s}"
ROUNDS="${ROUNDS:-2}"
JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx256m}"
CLIENT_JAVA_OPTS="${CLIENT_JAVA_OPTS:--Xmx512m}"
MVN_ARGS="${MVN_ARGS:-}"

# shellcheck source=bench/lib.sh
. "$here/lib.sh"
command -v curl >/dev/null 2>&1 || die "curl is needed"
command -v redis-server >/dev/null 2>&1 || die "redis-server is needed (Debian: apt-get install redis-server)"
build_bench
mkdir -p "$target_dir"
raise_file_limit $((CONNECTIONS + 1000))

redis_port="$(free_port)"
redis_pid=""
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -z "$redis_pid" ] || kill "$redis_pid" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap cleanup EXIT

log "starting redis-server on port $redis_port"
redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
    >"$target_dir/redis.log" 2>&1 &
redis_pid=$!

export MCP_CLUSTER_REDIS_URL="redis://127.0.0.1:$redis_port"
export MCP_CLUSTER_NAMESPACE="bench-$$"
# Each round opens streams of its own; those of earlier rounds count until a heartbeat finds them gone.
export SSE_MAX_CONNECTIONS=1000000
port_a="$(free_port)"
port_b="$(free_port)"
for name in a b; do
    port_var="port_$name"
    start_server ours "${!port_var}" "cluster-$name"
    pids+=("$server_pid")
    server_pid=""
done

run_round() {
    local mode="$1" round="$2" post_port="$3"
    local out="$target_dir/cluster-$mode-$round.txt"
    log "round $round, $mode POSTs: $CONNECTIONS streams on A, $RATE requests/s"
    # shellcheck disable=SC2086
    java $CLIENT_JAVA_OPTS -cp "$classpath" io.clgmcp.bench.sse.SseBench roundtrip \
        --url="http://127.0.0.1:$port_a/" --post-url="http://127.0.0.1:$post_port/" \
        --connections="$CONNECTIONS" --rate="$RATE" --warmup="$WARMUP" --duration="$DURATION" \
        >"$out" || die "the load generator reported errors in round $round ($mode); see $out"
    grep '^RESULT ' "$out" || die "no RESULT line in $out"
}

results="$target_dir/cluster-results.md"
{
    echo "# Routed versus local POST in a cluster (seed SSE round trip)"
    echo
    machine_lines
    echo "- two instances and redis-server $(redis-server --version | awk '{print $3}' | cut -d= -f2) on this machine;" \
        "$CONNECTIONS streams on instance A; $RATE requests/s (open loop); $WARMUP warm-up, $DURATION measured, per round"
    echo "- local: POST /sse to A; routed: POST /sse to B, which looks the stream up in Redis and publishes the message to A"
    echo
    echo "| round | mode | answered | errors | p50 (ms) | p90 (ms) | p99 (ms) | p99.9 (ms) | max (ms) |"
    echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|"
} >"$results"

for round in $(seq 1 "$ROUNDS"); do
    for mode in local routed; do
        post_port="$port_a"
        [ "$mode" = "routed" ] && post_port="$port_b"
        line="$(run_round "$mode" "$round" "$post_port")"
        field() { printf '%s\n' "$line" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k{print $2}'; }
        echo "| $round | $mode | $(field answered) | $(field errors) | $(field p50_ms) | $(field p90_ms) |" \
            "$(field p99_ms) | $(field p999_ms) | $(field max_ms) |" >>"$results"
    done
done
log "wrote $results"
cat "$results"
