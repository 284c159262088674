#!/usr/bin/env bash
# Builds and runs every benchmark that docs/benchmarks.md reports, in one go (about 30 minutes on 2 cores; 18
# before issue 12 added StatsdVsDogStatsdBenchmark and the timer and gauge benchmarks):
#   1. the JMH suite with the GC profiler (ns/op or ops/s, and B/op);
#   2. `metlog mb` through the client against `metlog mb --raw`, 3 runs of 10 s each, alternately, to a
#      loopback UDP sink.
# Run it on an otherwise idle machine. Results go to bench/results/ (or the directory given as $1).
# Extra JMH options can be given in JMH_ARGS (for example JMH_ARGS="-f 1 HotPath" for a quick look).
# ISSUE12=1 bench/run.sh runs issue 12's set instead (bench/run-issue12.sh, about 10 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${ISSUE12:-}" = 1 ]; then
  exec bench/run-issue12.sh "$@"
fi
# shellcheck source=bench/machine.sh
. bench/machine.sh
out=${1:-bench/results}
mkdir -p "$out"

mvn -B -q ${MVN_ARGS:-} -f bench/pom.xml package -DskipTests

machine_info java > "$out/machine.txt"
noise "before" > "$out/noise.txt"

# 1. JMH: every benchmark, with -prof gc; the human-readable log and a JSON file of the results. Not
# VirtualThreadBenchmark, which needs JDK 21+ (bench/run-issue12.sh runs it on JDK 25).
# shellcheck disable=SC2086
java -jar bench/jmh/target/benchmarks.jar -prof gc -e '\.VirtualThreadBenchmark\.' -rf json -rff "$out/jmh.json" \
  ${JMH_ARGS:-} 2>&1 | tee "$out/jmh.txt"

noise "after JMH" >> "$out/noise.txt"

# 2. mb through the client and mb --raw, alternately, to the same sink
sink_log="$out/mb-sink.txt"
java -cp bench/jmh/target/benchmarks.jar org.metlog.bench.UdpSink 0 600 > "$sink_log" &
sink=$!
trap 'kill "$sink" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  grep -q '^listening' "$sink_log" 2>/dev/null && break
  sleep 0.1
done
port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$sink_log")
: > "$out/mb.txt"
for run in 1 2 3; do
  for mode in client raw; do
    flag=""
    [ "$mode" = raw ] && flag="--raw"
    echo "== run $run: mb $mode" | tee -a "$out/mb.txt"
    # shellcheck disable=SC2086
    metlog-cli/target/metlog mb 127.0.0.1 "$port" $flag --duration 10 | tee -a "$out/mb.txt"
    sleep 2 # the sink reports a burst after 1 s of silence
  done
done
kill "$sink"
wait "$sink" 2>/dev/null || true
trap - EXIT
noise "after mb" >> "$out/noise.txt"
echo "== the sink's count of each burst, in the same order" | tee -a "$out/mb.txt"
grep '^burst' "$sink_log" | tee -a "$out/mb.txt"
echo "results in $out/"
