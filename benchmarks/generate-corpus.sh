#!/usr/bin/env bash
# Generates the benchmark corpora with a real Kafka 4.3.1 broker on 127.0.0.1 (the testdata module's harness):
#   OUT_DIR/realistic/  a log dir whose partition realistic-0 holds ONE segment of ~1 GiB: records of 200 B-1 KiB,
#                       codecs none/gzip/snappy/lz4/zstd taking turns, batches of many records
#   OUT_DIR/tiny/       a log dir with partitions tiny-0..7 holding ~100 MiB of single-record batches (linger.ms=0)
# Broker console logs go to OUT_DIR/run-*/. Nothing here is committed: use a temporary folder (needs ~1.3 GiB).
#
# Usage: benchmarks/generate-corpus.sh OUT_DIR [REALISTIC_BYTES [TINY_BYTES]]    (0 skips a corpus)
# Env:   MVN_FLAGS (default "-q -B -ntp"; add -o to build offline), SKIP_BUILD=1 to reuse a previous build.
set -euo pipefail
if [ $# -lt 1 ]; then
  sed -n '2,10p' "$0"; exit 2
fi
out="$1"; shift
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # shellcheck disable=SC2086
  mvn ${MVN_FLAGS:--q -B -ntp} -pl benchmarks -am package -DskipTests
fi
mkdir -p "$out"
exec java -Xmx1g -cp "benchmarks/target/classes:$(cat benchmarks/target/tools-classpath.txt)" \
  -Dkfsck.broker.classpath.file="$PWD/testdata/target/broker-classpath.txt" \
  -Dkfsck.testdata.dir="$PWD/testdata" \
  dev.kfsck.benchmarks.corpus.GenerateCorpus "$out" "$@"
