#!/usr/bin/env python3
"""Turns a JMH JSON result (-rf json) plus CorpusStats lines into the markdown tables of benchmarks/README.md.

Usage: summarize.py JMH_JSON CORPUS_STATS_JSONL
Each JMH operation processes a whole corpus, so: ns/batch = score / batches, MB/s = bytes / score,
B/batch = gc.alloc.rate.norm / batches. Medians and min-max are over the measurement iterations of all forks.
"""
import json
import statistics
import sys

KAFKA_FULL = "kafkaFileRecordsEnsureValid"
LIMIT = "crc32cLimit"


def to_ms(value, unit):
    return value * {"ms/op": 1.0, "us/op": 1e-3, "ns/op": 1e-6, "s/op": 1e3}[unit]


def main(jmh_path, stats_path):
    stats = {}
    with open(stats_path) as f:
        for line in f:
            if line.strip():
                s = json.loads(line)
                stats[s["corpus"]] = s
    rows = {}
    for r in json.load(open(jmh_path)):
        name = r["benchmark"].rsplit(".", 1)[1]
        corpus = r.get("params", {}).get("corpus", "?")
        pm = r["primaryMetric"]
        raw = [to_ms(v, pm["scoreUnit"]) for fork in pm["rawData"] for v in fork]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        rows.setdefault(corpus, {})[name] = (statistics.median(raw), min(raw), max(raw), alloc)
    for corpus, bench in rows.items():
        s = stats.get(corpus)
        print(f"\n#### `{corpus}`\n")
        if s:
            print(f"{s['segments']} segments, {s['bytes']:,} bytes (largest {s['largestSegment']:,}), "
                  f"{s['batches']:,} batches, {s['records']:,} records, batches per codec {s['codecBatches']}, "
                  f"{s['findings']} findings\n")
        print("| benchmark | median ms/op | min-max | MB/s | ns/batch | B/batch | Kafka full / this |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        kafka = bench.get(KAFKA_FULL, (None,))[0]
        for name, (med, lo, hi, alloc) in sorted(bench.items()):
            mbs = f"{s['bytes'] / (med / 1e3) / 1e6:,.0f}" if s else ""
            nsb = f"{med * 1e6 / s['batches']:,.1f}" if s and s["batches"] else ""
            bpb = f"{alloc / s['batches']:.3f}" if s and s["batches"] and alloc is not None else ""
            ratio = f"{kafka / med:.2f}x" if kafka else ""
            print(f"| {name} | {med:,.3f} | {lo:,.3f}-{hi:,.3f} | {mbs} | {nsb} | {bpb} | {ratio} |")
        if LIMIT in bench:
            lim = bench[LIMIT][0]
            for name in ("kfsckFullMapped", "kfsckFullRead", "kfsckFullAuto"):
                if name in bench:
                    print(f"\n{name}: {lim / bench[name][0]:.2f}x of the CRC32C limit", end="")
            print()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
