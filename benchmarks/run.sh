#!/usr/bin/env bash
# Runs every JMH benchmark side by side on the generated corpora and the committed fixture, with -prof gc, and
# writes benchmarks/results/<UTC time>/{conditions.txt,corpus-stats.jsonl,jmh.json,jmh.txt,summary.md}.
# Usage: benchmarks/run.sh CORPUS_ROOT [extra JMH options, e.g. -wi 1 -i 3]
#   CORPUS_ROOT is the OUT_DIR of benchmarks/generate-corpus.sh (holding realistic/ and tiny/).
# Build first: mvn -q -B -ntp -pl benchmarks -am package -DskipTests
set -euo pipefail
if [ $# -lt 1 ]; then sed -n '2,6p' "$0"; exit 2; fi
root="$(cd "$1" && pwd)"; shift
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
fixture=testdata/fixtures/single-4.3-kill
out="benchmarks/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
{
  echo "start: $(date -u) load: $(uptime)"
  java -version 2>&1
  grep -m1 'model name' /proc/cpuinfo; nproc; free -g | sed -n 2p
} > "$out/conditions.txt"
java -cp "$jar" dev.kfsck.benchmarks.CorpusStats "$root/realistic" "$root/tiny" "$fixture" > "$out/corpus-stats.jsonl"
java -jar "$jar" -foe true -p corpus="$root/realistic,$root/tiny,$fixture" -prof gc \
  -rf json -rff "$out/jmh.json" "$@" | tee "$out/jmh.txt"
echo "end: $(date -u) load: $(uptime)" >> "$out/conditions.txt"
# Corpus paths in the summary: relative to the corpus root, so results from other machines compare.
python3 benchmarks/summarize.py "$out/jmh.json" "$out/corpus-stats.jsonl" | sed "s|$root/||g" > "$out/summary.md"
cat "$out/summary.md"
