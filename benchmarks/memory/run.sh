#!/usr/bin/env bash
# Memory benchmark: trains a Burgers PINN (jets, 2 -> 8x20 tanh -> 1, 10,000 points) with Adam for 10,000
# steps through the Trainer and prints VmRSS every 1,000 steps and RSS(10,000) / RSS(1,000) (target <= 1.10).
# Takes about 5 minutes on 2 cores. Arguments are passed on to org.repcon.training.MemoryBenchmark:
#   [steps=10000] [every=1000] [threads=1] [float32|float64] [points=10000]
# Uses its own build directory (REPCON_TARGET, default target-membench) so it can run beside other builds.
# The Java heap is fixed and pre-touched (BENCH_JAVA_OPTS) so that it is resident from the start: growth of
# RSS then measures native (libtorch) memory, not the JVM lazily touching a growing heap.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
target="${REPCON_TARGET:-target-membench}"
cd "$root"
mvn -q -o -pl repcon-core -Drepcon.target="$target" test-compile
cpfile="$root/repcon-core/$target/benchmark.classpath"
mvn -q -o -pl repcon-core -Drepcon.target="$target" dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile"
cp="$root/repcon-core/$target/test-classes:$root/repcon-core/$target/classes:$(cat "$cpfile")"
export DJL_OFFLINE=true
exec java ${BENCH_JAVA_OPTS:--Xms256m -Xmx256m -XX:+AlwaysPreTouch} -Dai.djl.offline=true -cp "$cp" org.repcon.training.MemoryBenchmark "$@"
