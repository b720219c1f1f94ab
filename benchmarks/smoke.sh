#!/usr/bin/env bash
# One very short iteration of every benchmark on the committed fixture, with -prof gc: proves the benchmarks run
# (fails if any throws); asserts no timing. Expects benchmarks/target/benchmarks.jar (built by mvn verify/package).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  mvn -q -B -ntp -pl benchmarks -am package -DskipTests
fi
# -Djmh.ignoreLock: a JMH run of a person on the same machine must not fail the smoke run.
java -Djmh.ignoreLock=true -jar "$jar" -foe true -wi 0 -i 1 -r 100ms -f 1 -prof gc
# The probes are run from source (java File.java); compiling them here keeps them in step with the code they call.
probes_out="$(mktemp -d)"
trap 'rm -rf "$probes_out"' EXIT
javac -d "$probes_out" -cp "$jar" benchmarks/probes/*.java
