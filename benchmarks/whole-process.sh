#!/usr/bin/env bash
# Whole process, cold JVM each run: `java -jar cli/target/kfsck.jar check LOG_DIR` against Kafka's own
# `kafka-dump-log --files SEGMENT` (org.apache.kafka.tools.DumpLogSegments from kafka-tools 4.3.1, which prints every
# batch header and checks its CRC) on the largest segment in LOG_DIR, and the start-up of each tool alone (kfsck
# --version; DumpLogSegments without arguments), measured with hyperfine. Manual only (CI does
# not need hyperfine: apt-get install -y hyperfine). Output of both goes to /dev/null.
# Usage: benchmarks/whole-process.sh LOG_DIR [RUNS]      e.g. LOG_DIR = <generate-corpus OUT_DIR>/realistic
# Env:   KFSCK_JAR (default cli/target/kfsck.jar)
# Writes benchmarks/results/whole-process-<UTC time>.{md,json}.
set -euo pipefail
if [ $# -lt 1 ]; then sed -n '2,8p' "$0"; exit 2; fi
dir="$(cd "$1" && pwd)"; runs="${2:-5}"
cd "$(dirname "$0")/.."
jar="${KFSCK_JAR:-cli/target/kfsck.jar}"
if [ ! -f "$jar" ]; then
  echo "no $jar: build it with: mvn -q -B -ntp -pl cli -am package -DskipTests" >&2; exit 1
fi
if [ ! -f benchmarks/target/tools-classpath.txt ]; then
  mvn -q -B -ntp -pl benchmarks -am package -DskipTests
fi
command -v hyperfine > /dev/null || { echo "needs hyperfine (apt-get install -y hyperfine)" >&2; exit 1; }
segment="$(find "$dir" -name '*.log' -not -path '*__cluster_metadata*' -printf '%s %p\n' | sort -n | tail -1 | cut -d' ' -f2-)"
cp="$(cat benchmarks/target/tools-classpath.txt)"
echo "log dir: $dir"
echo "segment for kafka-dump-log: $segment ($(stat -c %s "$segment") bytes)"
set +e
java -jar "$jar" check "$dir" > /dev/null 2>&1
echo "kfsck check exit code: $? (0 = clean)"
set -e
out="benchmarks/results/whole-process-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p benchmarks/results
echo "load before: $(uptime)"
hyperfine --warmup 1 --runs "$runs" -i --export-markdown "$out.md" --export-json "$out.json" \
  -n "kfsck check LOG_DIR" "java -jar $jar check $dir" \
  -n "kafka-dump-log --files SEGMENT" "java -cp $cp org.apache.kafka.tools.DumpLogSegments --files $segment" \
  -n "start-up only: kfsck --version" "java -jar $jar --version" \
  -n "start-up only: kafka-dump-log (no arguments: prints its usage)" "java -cp $cp org.apache.kafka.tools.DumpLogSegments"
echo "load after: $(uptime)"
