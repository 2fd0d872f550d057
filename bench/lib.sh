# Shared by run.sh, sse.sh and connections.sh (sourced, not run): logging, the build, free ports,
# and starting and stopping a BenchServers target in its own JVM. Needs here, root, target_dir,
# JAVA_OPTS and MVN_ARGS set by the sourcing script.

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# Builds the bench module (unless SKIP_BUILD=1) and sets classpath.
build_bench() {
    if [ "${SKIP_BUILD:-0}" != "1" ]; then
        log "building (mvn -Pbench -pl bench -am package -DskipTests)"
        # shellcheck disable=SC2086
        (cd "$root" && mvn -B -q $MVN_ARGS -Pbench -pl bench -am package -DskipTests)
    fi
    [ -f "$target_dir/classpath.txt" ] || die "no $target_dir/classpath.txt; build first"
    classpath="$target_dir/classes:$(cat "$target_dir/classpath.txt")"
}

server_pid=""
stop_server() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}

# A port of 127.0.0.1 nothing listens on, below Linux's ephemeral range (32768 and up) so that no
# outgoing connection holds it either.
free_port() {
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 12000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    die "no free port found"
}

# start_server KIND PORT [NAME]: starts BenchServers and waits (at most 60 s) until it listens;
# sets server_pid. Its output goes to server-NAME.log (NAME defaults to KIND). Exported SSE_*
# settings reach the ours target.
start_server() {
    local kind="$1" port="$2" name="${3:-$1}"
    # shellcheck disable=SC2086
    LOG_LEVEL=WARN JETTY_LOG_LEVEL=WARN java $JAVA_OPTS -cp "$classpath" \
        io.clgmcp.bench.BenchServers "$kind" "$port" >"$target_dir/server-$name.log" 2>&1 &
    server_pid=$!
    local deadline=$((SECONDS + 60))
    until curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; do
        kill -0 "$server_pid" 2>/dev/null || die "$name server exited; see $target_dir/server-$name.log"
        [ "$SECONDS" -lt "$deadline" ] || die "$name server did not answer within 60 s"
        sleep 0.2
    done
}

# Raises this shell's open-file limit (inherited by both JVMs) to 65536 or the hard limit, and
# fails when it stays below NEEDED.
raise_file_limit() {
    local needed="$1" hard
    hard="$(ulimit -Hn)"
    if [ "$hard" = "unlimited" ] || [ "$hard" -ge 65536 ]; then
        ulimit -n 65536
    else
        ulimit -n "$hard"
    fi
    [ "$(ulimit -n)" -ge "$needed" ] || die "open files limited to $(ulimit -n); $needed needed"
}

# The CPU time of a process so far, in clock ticks: "user system".
cpu_ticks() { awk '{print $14, $15}' "/proc/$1/stat"; }

# Describes the machine for a results file.
machine_lines() {
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- java: $(java -version 2>&1 | head -1)"
    echo "- cpus: $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'))"
}
