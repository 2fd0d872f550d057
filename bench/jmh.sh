#!/usr/bin/env bash
# Runs the JMH microbenchmarks of the dispatcher path (io.clgmcp.bench.jmh): one tools/call of the
# echo tool parsed, validated, dispatched and serialised, each stage alone and all together, in
# memory without HTTP. Writes bench/target/jmh-results.json (JMH's JSON) and jmh-results.txt (its
# whole output, profiler reports included), then prints the summary table.
#
# Settings (environment): FORKS (1), WARMUP (3 iterations), WARMUP_TIME (2s), ITERATIONS (5),
# TIME (2s), PROFILERS (none; space-separated JMH profilers such as "gc" or "gc stack"),
# JVM_ARGS (-Xms512m -Xmx512m, for each forked JVM), MVN_ARGS (extra arguments for the build, such
# as -o), SKIP_BUILD=1 to reuse the last build. Arguments go to JMH as they are: benchmark name
# patterns (bench/jmh.sh endToEnd) or any other option (bench/jmh.sh -lprof).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
target_dir="$here/target"

FORKS="${FORKS:-1}"
WARMUP="${WARMUP:-3}"
WARMUP_TIME="${WARMUP_TIME:-2s}"
ITERATIONS="${ITERATIONS:-5}"
TIME="${TIME:-2s}"
PROFILERS="${PROFILERS:-}"
JVM_ARGS="${JVM_ARGS:--Xms512m -Xmx512m}"
MVN_ARGS="${MVN_ARGS:-}"

log() { printf '[jmh] %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

if [ "${SKIP_BUILD:-0}" != "1" ]; then
    log "building (mvn -Pbench -pl bench -am package -DskipTests)"
    # shellcheck disable=SC2086
    (cd "$root" && mvn -B -q $MVN_ARGS -Pbench -pl bench -am package -DskipTests)
fi
[ -f "$target_dir/classpath.txt" ] || die "no $target_dir/classpath.txt; build first"
[ -f "$target_dir/classes/META-INF/BenchmarkList" ] || die "no benchmarks compiled; build first"
classpath="$target_dir/classes:$(cat "$target_dir/classpath.txt")"

options=(-f "$FORKS" -wi "$WARMUP" -w "$WARMUP_TIME" -i "$ITERATIONS" -r "$TIME"
    -rf json -rff "$target_dir/jmh-results.json")
if [ -n "$JVM_ARGS" ]; then options+=(-jvmArgsAppend "$JVM_ARGS"); fi
for profiler in $PROFILERS; do options+=(-prof "$profiler"); done
if [ "$#" -eq 0 ]; then set -- 'io\.clgmcp\.bench\.jmh\.'; fi

txt="$target_dir/jmh-results.txt"
log "running JMH: ${options[*]} $*; whole output in $txt"
set +e
java -cp "$classpath" org.openjdk.jmh.Main "${options[@]}" "$@" 2>&1 | tee "$txt" |
    awk '/^# Benchmark: /{print "[jmh] " $3; fflush()}' >&2
status="${PIPESTATUS[0]}"
set -e
[ "$status" = "0" ] || die "JMH exited with $status; see $txt"
if ! grep -q '^# Run complete' "$txt"; then
    # No benchmark ran (a listing such as -l or -lprof, or -h): show what JMH said.
    cat "$txt"
    exit 0
fi

# The summary: each benchmark's score, with only the allocation per operation among the
# profilers' secondary results.
log "wrote $target_dir/jmh-results.json and $txt"
sed -n '/^# Run complete/,$p' "$txt" | sed -n '/^Benchmark  /,/^$/p' |
    awk '$1 !~ /:/ || $1 ~ /gc\.alloc\.rate\.norm$/'
