#!/usr/bin/env bash
# Measures what idle SSE streams cost our server: its heap after a full GC, its threads, its
# resident memory, and its CPU over an idle window, first with no stream open (the baseline), then
# with COUNT streams open and heartbeats every HEARTBEAT_MS. The streams are held by
# io.clgmcp.bench.sse.SseBench idle, in a JVM of its own, which checks that every stream gets
# connected, stays open and receives heartbeats. Writes bench/target/connections-results.md and the
# server's class histogram with the streams open to bench/target/connections-histogram.txt.
#
# Settings (environment): COUNT (10000), HEARTBEAT_MS (2000), WINDOW (60: seconds of each CPU
# window), SETTLE (10: seconds to wait before measuring), CONCURRENCY (100: streams opening at
# once), JAVA_OPTS (server, -Xms1g -Xmx1g), CLIENT_JAVA_OPTS (-Xmx2g), MVN_ARGS, SKIP_BUILD=1.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
target_dir="$here/target"

COUNT="${COUNT:-10000}"
HEARTBEAT_MS="${HEARTBEAT_MS:-2000}"
WINDOW="${WINDOW:-60}"
SETTLE="${SETTLE:-10}"
CONCURRENCY="${CONCURRENCY:-100}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
CLIENT_JAVA_OPTS="${CLIENT_JAVA_OPTS:--Xmx2g}"
MVN_ARGS="${MVN_ARGS:-}"

# shellcheck source=bench/lib.sh
. "$here/lib.sh"
command -v curl >/dev/null 2>&1 || die "curl is needed"
command -v jcmd >/dev/null 2>&1 || die "jcmd (from the JDK) is needed"
build_bench
mkdir -p "$target_dir"
raise_file_limit $((COUNT + 1000))

client_pid=""
fifo="$target_dir/connections.fifo"
cleanup() {
    exec 3>&- 2>/dev/null || true
    if [ -n "$client_pid" ]; then
        kill "$client_pid" 2>/dev/null || true
        wait "$client_pid" 2>/dev/null || true
    fi
    rm -f "$fifo"
    stop_server
}
trap cleanup EXIT

# The server's heap used after a full GC (KB), its threads, and its resident memory (KB).
heap_kb() {
    jcmd "$server_pid" GC.run >/dev/null
    jcmd "$server_pid" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | tr -dc '0-9'
}
threads() { awk '$1=="Threads:"{print $2}' "/proc/$1/status"; }
rss_kb() { awk '$1=="VmRSS:"{print $2}' "/proc/$1/status"; }
ticks_per_second="$(getconf CLK_TCK)"

# cpu_window PID...: sleeps WINDOW seconds; prints each process's CPU use over it, in % of one core,
# as "total user system" for each.
cpu_window() {
    local before=() after=() start end pid i
    for pid in "$@"; do before+=("$(cpu_ticks "$pid")"); done
    start="$(date +%s.%N)"
    sleep "$WINDOW"
    end="$(date +%s.%N)"
    for pid in "$@"; do after+=("$(cpu_ticks "$pid")"); done
    for i in "${!before[@]}"; do
        awk -v b="${before[$i]}" -v a="${after[$i]}" -v t="$ticks_per_second" -v s="$start" -v e="$end" \
            'BEGIN{split(b, x, " "); split(a, y, " "); f = 100 / t / (e - s)
                   printf "%.2f %.2f %.2f ", (y[1] + y[2] - x[1] - x[2]) * f, (y[1] - x[1]) * f, (y[2] - x[2]) * f}'
    done
    echo
}

# Asks the load generator for its heartbeat count so far and prints it.
client_heartbeats() {
    local seen
    seen="$(grep -c '^STATUS ' "$out" || true)"
    echo status >&3
    local deadline=$((SECONDS + 30))
    until [ "$(grep -c '^STATUS ' "$out" || true)" -gt "$seen" ]; do
        [ "$SECONDS" -lt "$deadline" ] || die "the load generator did not answer; see $out"
        sleep 0.1
    done
    grep '^STATUS ' "$out" | tail -1 | tr ' ' '\n' | awk -F= '$1=="heartbeats"{print $2}'
}

port="$(free_port)"
log "starting ours on port $port (SSE_MAX_CONNECTIONS=$COUNT, SSE_HEARTBEAT_INTERVAL=$HEARTBEAT_MS)"
SSE_MAX_CONNECTIONS="$COUNT" SSE_HEARTBEAT_INTERVAL="$HEARTBEAT_MS" start_server ours "$port"

log "baseline: no streams; settling ${SETTLE}s, then ${WINDOW}s of CPU"
sleep "$SETTLE"
base_heap="$(heap_kb)"
base_threads="$(threads "$server_pid")"
base_rss="$(rss_kb "$server_pid")"
read -r base_cpu base_user base_sys <<<"$(cpu_window "$server_pid")"
log "baseline: heap ${base_heap} KB, ${base_threads} threads, RSS ${base_rss} KB, CPU ${base_cpu} %"

out="$target_dir/connections-client.txt"
rm -f "$fifo"
mkfifo "$fifo"
log "opening $COUNT streams ($CONCURRENCY at a time)"
# shellcheck disable=SC2086
java $CLIENT_JAVA_OPTS -cp "$classpath" io.clgmcp.bench.sse.SseBench idle \
    --url="http://127.0.0.1:$port/" --connections="$COUNT" --concurrency="$CONCURRENCY" \
    <"$fifo" >"$out" 2>&1 &
client_pid=$!
exec 3>"$fifo"
deadline=$((SECONDS + 360))
until grep -q '^READY ' "$out"; do
    kill -0 "$client_pid" 2>/dev/null || die "the load generator exited; see $out"
    [ "$SECONDS" -lt "$deadline" ] || die "the streams did not open within 6 minutes; see $out"
    sleep 0.5
done
ready="$(grep '^READY ' "$out")"
log "$ready"

log "$COUNT streams open; settling ${SETTLE}s, then ${WINDOW}s of CPU"
sleep "$SETTLE"
open_heap="$(heap_kb)"
open_threads="$(threads "$server_pid")"
open_rss="$(rss_kb "$server_pid")"
jcmd "$server_pid" GC.class_histogram >"$target_dir/connections-histogram.txt"
beats_before="$(client_heartbeats)"
read -r open_cpu open_user open_sys client_cpu _ <<<"$(cpu_window "$server_pid" "$client_pid")"
beats="$(( $(client_heartbeats) - beats_before ))"
# Jetty's pool grows while the streams open and shrinks again when idle; this is after the window.
late_threads="$(threads "$server_pid")"
log "open: heap ${open_heap} KB, ${open_threads} threads (${late_threads} later), RSS ${open_rss} KB, CPU ${open_cpu} %," \
    "$beats heartbeats received in the window"

exec 3>&-
status=0
wait "$client_pid" || status=$?
client_pid=""
cat "$out" >&2
line="$(grep '^RESULT ' "$out" || true)"
[ -n "$line" ] || die "the load generator printed no RESULT line; see $out"
stop_server

results="$target_dir/connections-results.md"
calc() { awk "BEGIN{printf \"$1\", $2}"; }
{
    echo "# $COUNT idle SSE connections"
    echo
    machine_lines
    echo "- server: SSE_MAX_CONNECTIONS=$COUNT, SSE_HEARTBEAT_INTERVAL=$HEARTBEAT_MS; JVM $JAVA_OPTS;" \
        "load generator $CLIENT_JAVA_OPTS on the same machine"
    echo "- heap: used after a full GC (jcmd GC.run, GC.heap_info); threads and RSS: /proc/PID/status;" \
        "CPU: utime + stime of /proc/PID/stat over ${WINDOW}s, after ${SETTLE}s settling"
    echo "- load generator: $ready"
    echo "- load generator: $line"
    echo
    echo "| server | heap used (MB) | threads | RSS (MB) | CPU (% of one core) | user | system |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    echo "| no streams | $(calc '%.1f' "$base_heap / 1024") | $base_threads | $(calc '%.1f' "$base_rss / 1024") |" \
        "$base_cpu | $base_user | $base_sys |"
    echo "| $COUNT streams | $(calc '%.1f' "$open_heap / 1024") | $open_threads ($late_threads after the window) |" \
        "$(calc '%.1f' "$open_rss / 1024") | $open_cpu | $open_user | $open_sys |"
    echo "| difference | $(calc '%.1f' "($open_heap - $base_heap) / 1024") | $((open_threads - base_threads)) |" \
        "$(calc '%.1f' "($open_rss - $base_rss) / 1024") | $(calc '%.2f' "$open_cpu - $base_cpu") | | |"
    echo
    echo "- per stream: $(calc '%.1f' "($open_heap - $base_heap) / $COUNT") KB of heap," \
        "$(calc '%.1f' "($open_rss - $base_rss) / $COUNT") KB of RSS"
    echo "- heartbeats received in the CPU window: $beats (expected about" \
        "$(calc '%d' "$COUNT * $WINDOW * 1000 / $HEARTBEAT_MS")); server CPU per heartbeat:" \
        "$(calc '%.1f' "($open_cpu - $base_cpu) / 100 * $WINDOW / ($beats > 0 ? $beats : 1) * 1e6") µs"
    echo "- the load generator's own CPU in that window: $client_cpu % of one core"
    echo
    echo "Target $COUNT streams in ≤ 200 MB heap: $(calc '%s' "($open_heap / 1024 <= 200) ? \"yes\" : \"**no**\"")" \
        "($(calc '%.1f' "$open_heap / 1024") MB)."
} >"$results"
log "wrote $results"
cat "$results"
[ "$status" = "0" ] || die "the load generator reported failed, ended or silent streams (exit $status); see $out"
