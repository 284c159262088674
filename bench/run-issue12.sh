#!/usr/bin/env bash
# Runs issue 12's benchmarks, exactly that set, in one go, each with the GC profiler (B/op), one fork each:
#   HotPathBenchmark            incr, timer, gauge, log to a serializing no-op sender       (JDK 17)
#   UdpBenchmark                sync UdpSender (incr, timer, gauge) against the raw channel (JDK 17)
#   AsyncBenchmark              AsyncSender, overflow=drop, tight loop and carriable load   (JDK 17)
#   StatsdVsDogStatsdBenchmark  StatsdSender against java-dogstatsd-client                  (JDK 17)
#   StatsdSenderBenchmark       incr, timerSend, gauge through StatsdSender, B/op             (JDK 17)
#   ErrorPathBenchmark          the error path, if the jar has it                           (JDK 17)
#   VirtualThreadBenchmark      incr on a fresh virtual thread against a platform thread    (JDK 21+: $JDK21_HOME)
# About 10 minutes on 2 cores (build about 1, JMH about 9: 39 trials, more if ErrorPathBenchmark has many);
# run it on an otherwise idle machine. Settings, one fork (-f 1) everywhere:
#   HotPath, VirtualThread   3 warm-up iterations of 1 s, 5 measured of 2 s   (6 and 10 trials)
#   ErrorPath, StatsdSender  2 warm-up iterations of 1 s, 3 measured of 2 s
#   Udp, Async               2 warm-up iterations of 2 s, 3 measured of 3 s   (5 and 2 trials)
#   StatsdVsDogStatsd        2 warm-up iterations of 2 s, 3 measured of 4 s   (10 trials)
# QUICK=1 runs every trial with 1 warm-up and 1 measured iteration of 1 s, to check the script (about 2 minutes).
# The build uses ~/.m2 unless MVN_ARGS says otherwise (e.g. MVN_ARGS=-Dmaven.repo.local=/elsewhere).
# Results go to bench/results/issue12/ (or the directory given as $1): for each benchmark NAME.txt (JMH's log)
# and NAME.json (its results); trials.tsv (one line per trial: delivered fractions after close() and the
# accounting checks); summary.txt (the TOTALS, DELIVERED and ACCOUNTING lines); machine.txt and noise.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/machine.sh
. bench/machine.sh
out=${1:-bench/results/issue12}
jdk21=${JDK21_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
jar=bench/jmh/target/benchmarks.jar
mkdir -p "$out"
if [ ! -x "$jdk21/bin/java" ]; then
  echo "no JDK 21+ at $jdk21: set JDK21_HOME" >&2
  exit 1
fi

# the library and the benchmarks, FreshVirtualThread's Java 21 version compiled by $jdk21 (bench/jmh/pom.xml)
# shellcheck disable=SC2086
mvn -B -q ${MVN_ARGS:-} -f bench/pom.xml -pl jmh -am package -DskipTests -Djdk21.home="$jdk21"

machine_info java "$jdk21/bin/java" > "$out/machine.txt"
noise "before" > "$out/noise.txt"
export METLOG_BENCH_TRIALS="$out/trials.tsv"
: > "$METLOG_BENCH_TRIALS"

short="-wi 3 -w 1s -i 5 -r 2s"
error="-wi 2 -w 1s -i 3 -r 2s"
network="-wi 2 -w 2s -i 3 -r 3s"
statsd="-wi 2 -w 2s -i 3 -r 4s"
if [ "${QUICK:-}" = 1 ]; then
  short="-wi 1 -w 1s -i 1 -r 1s"
  error=$short
  network=$short
  statsd=$short
fi

# bench NAME JAVA SETTINGS [JMH OPTIONS...]: runs the benchmark class NAME alone
bench() {
  local name=$1 java=$2 settings=$3
  shift 3
  echo "== $name" | tee -a "$out/noise.txt"
  # shellcheck disable=SC2086
  "$java" -jar "$jar" "\\.$name\\." -f 1 $settings -prof gc -rf json -rff "$out/$name.json" "$@" 2>&1 \
    | tee "$out/$name.txt"
  noise "after $name" >> "$out/noise.txt"
}

bench HotPathBenchmark java "$short"
bench UdpBenchmark java "$network"
bench AsyncBenchmark java "$network" -p overflow=drop
bench StatsdVsDogStatsdBenchmark java "$statsd"
bench StatsdSenderBenchmark java "$error"
if java -jar "$jar" -l | grep -q '\.ErrorPathBenchmark\.'; then
  bench ErrorPathBenchmark java "$error"
else
  echo "== ErrorPathBenchmark: not in this jar, skipped" | tee -a "$out/noise.txt"
fi
bench VirtualThreadBenchmark "$jdk21/bin/java" "$short"

grep -hE '^(TOTALS|DELIVERED|ACCOUNTING|INSIDE)' "$out"/*Benchmark.txt > "$out/summary.txt" || true
echo "results in $out/"
