#!/usr/bin/env bash
# Measures the seed SSE protocol's round trip on our server: POST /sse of a tools/call of the echo
# tool until its mcp-response event arrives on the stream, at a fixed request rate spread over
# many open streams (open loop; latency from each request's intended send time, so stalls are not
# hidden). The load generator is io.clgmcp.bench.sse.SseBench (wrk cannot read event streams), in a
# JVM of its own. Writes bench/target/sse-results.md; any error or missing answer fails the run.
#
# Settings (environment): CONNECTIONS (100), RATE (1000 requests/s over all connections), WARMUP
# (20s), DURATION (30s), JAVA_OPTS (server, -Xms512m -Xmx512m), CLIENT_JAVA_OPTS (-Xmx512m),
# MVN_ARGS (extra build arguments, such as -o), SKIP_BUILD=1 to reuse the last build.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
target_dir="$here/target"

CONNECTIONS="${CONNECTIONS:-100}"
RATE="${RATE:-1000}"
WARMUP="${WARMUP:-20s}"
DURATION="${DURATION:-30s}"
JAVA_OPTS="${JAVA_OPTS:--Xms512m -Xmx512m}"
CLIENT_JAVA_OPTS="${CLIENT_JAVA_OPTS:--Xmx512m}"
MVN_ARGS="${MVN_ARGS:-}"

# shellcheck source=bench/lib.sh
. "$here/lib.sh"
command -v curl >/dev/null 2>&1 || die "curl is needed"
build_bench
mkdir -p "$target_dir"
raise_file_limit $((CONNECTIONS + 1000))
trap stop_server EXIT

port="$(free_port)"
log "starting ours on port $port (SSE_MAX_CONNECTIONS=$CONNECTIONS)"
SSE_MAX_CONNECTIONS="$CONNECTIONS" start_server ours "$port"

log "$CONNECTIONS streams, $RATE requests/s, $WARMUP warm-up, $DURATION measured"
out="$target_dir/sse-roundtrip.txt"
status=0
# shellcheck disable=SC2086
java $CLIENT_JAVA_OPTS -cp "$classpath" io.clgmcp.bench.sse.SseBench roundtrip \
    --url="http://127.0.0.1:$port/" --connections="$CONNECTIONS" --rate="$RATE" \
    --warmup="$WARMUP" --duration="$DURATION" --histogram="$target_dir/sse-roundtrip.hgrm" \
    >"$out" || status=$?
cat "$out" >&2
stop_server

line="$(grep '^RESULT ' "$out" || true)"
[ -n "$line" ] || die "the load generator printed no RESULT line; see $out"
field() { printf '%s\n' "$line" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k{print $2}'; }
p99="$(field p99_ms)"
met="$(awk -v p="$p99" 'BEGIN{print (p <= 2 ? "yes" : "**no**")}')"

results="$target_dir/sse-results.md"
{
    echo "# Seed SSE round trip"
    echo
    machine_lines
    echo "- load: $CONNECTIONS streams, $RATE requests/s (open loop), $WARMUP warm-up, $DURATION measured;" \
        "the load generator on the same machine as the server"
    echo "- JVM options: server $JAVA_OPTS, load generator $CLIENT_JAVA_OPTS; LOG_LEVEL=WARN"
    echo
    echo "| sent | answered | errors | missing | achieved req/s | p50 (ms) | p90 (ms) | p99 (ms) | p99.9 (ms) | max (ms) |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    echo "| $(field sent) | $(field answered) | $(field errors) | $(field missing) | $(field rate) |" \
        "$(field p50_ms) | $(field p90_ms) | $p99 | $(field p999_ms) | $(field max_ms) |"
    echo
    echo "Target p99 ≤ 2 ms at 1,000 requests/s: $met (measured at $RATE requests/s)."
} >"$results"
log "wrote $results"
cat "$results"
[ "$status" = "0" ] || die "the load generator reported errors or missing answers (exit $status); see $out"
