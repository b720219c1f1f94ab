#!/usr/bin/env bash
# The targets of benchmarks/README.md, measured in ROUNDS short JMH runs one after another (each run: Kafka's
# FileRecords+ensureValid, the CRC32C limit, kfsck AUTO and READ_AHEAD, on the tiny and realistic corpora, -prof gc),
# so that a slow minute on a shared host shows up as one odd round instead of moving one benchmark against another.
# Records the CPU time the hypervisor took (steal, from /proc/stat) per round. Writes
# benchmarks/results/rounds-<UTC time>/{round<N>.json,round<N>.txt,rounds.txt,summary.md}.
# Usage: benchmarks/rounds.sh CORPUS_ROOT [ROUNDS]     (CORPUS_ROOT = OUT_DIR of generate-corpus.sh; ROUNDS default 5)
# Build first: mvn -q -B -ntp -pl benchmarks -am package -DskipTests
set -euo pipefail
if [ $# -lt 1 ]; then sed -n '2,8p' "$0"; exit 2; fi
root="$(cd "$1" && pwd)"; rounds="${2:-5}"
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
out="benchmarks/results/rounds-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
steal() { awk '/^cpu /{print $9}' /proc/stat; }
{ java -version 2>&1 | head -1; grep -m1 'model name' /proc/cpuinfo; echo "cpus: $(nproc)"; } > "$out/rounds.txt"
for r in $(seq 1 "$rounds"); do
  s0=$(steal); l0=$(cut -d' ' -f1 /proc/loadavg)
  java -jar "$jar" -foe true 'SegmentValidationBenchmark.(kfsckFullAuto|kfsckFullReadAhead|kafkaFileRecordsEnsureValid|crc32cLimit)$' \
    -p corpus="$root/tiny,$root/realistic" -wi 2 -w 1 -i 5 -r 1 -f 1 -prof gc \
    -rf json -rff "$out/round$r.json" > "$out/round$r.txt" 2>&1
  echo "round $r: load $l0 -> $(cut -d' ' -f1 /proc/loadavg), steal $(( $(steal) - s0 )) ticks" | tee -a "$out/rounds.txt"
done
python3 benchmarks/rounds.py "$out" | tee "$out/summary.md"
