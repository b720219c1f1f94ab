"""Per-round ratios and their medians for benchmarks/rounds.sh. Usage: python3 rounds.py RESULTS_DIR"""
import glob
import json
import os
import statistics
import sys

BATCHES = {"tiny": 1_250_000, "realistic": 18_885}


def medians(path):
    out = {}
    for b in json.load(open(path)):
        name = b["benchmark"].rsplit(".", 1)[1]
        corpus = os.path.basename(b["params"]["corpus"].rstrip("/"))
        raw = [x for fork in b["primaryMetric"]["rawData"] for x in fork]
        alloc = b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        out[(name, corpus)] = (statistics.median(raw), alloc)
    return out


def main(folder):
    rows = {c: [] for c in BATCHES}
    files = sorted(glob.glob(os.path.join(folder, "round*.json")), key=lambda p: int(p.rsplit("round", 1)[1][:-5]))
    for f in files:
        m = medians(f)
        for c, n in BATCHES.items():
            if ("kafkaFileRecordsEnsureValid", c) not in m:
                continue
            kafka = m[("kafkaFileRecordsEnsureValid", c)][0]
            limit = m[("crc32cLimit", c)][0]
            auto, auto_alloc = m[("kfsckFullAuto", c)]
            ra = m[("kfsckFullReadAhead", c)][0]
            rows[c].append((os.path.basename(f)[:-5], kafka, limit, auto, ra, auto_alloc / n if auto_alloc else float("nan"), n))
    for c, rs in rows.items():
        if not rs:
            continue
        print(f"#### {c} ({BATCHES[c]:,} batches)\n")
        print("| round | Kafka ms | CRC32C limit ms | AUTO ms | AUTO vs Kafka | AUTO ns/batch | AUTO / limit | AUTO B/batch | READ_AHEAD ms | READ_AHEAD vs Kafka | READ_AHEAD ns/batch | READ_AHEAD / limit |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        cols = []
        for name, kafka, limit, auto, ra, alloc, n in rs:
            vals = (kafka, limit, auto, kafka / auto, auto * 1e6 / n, limit / auto, alloc, ra, kafka / ra, ra * 1e6 / n, limit / ra)
            cols.append(vals)
            print(f"| {name} | {kafka:,.1f} | {limit:.2f} | {auto:.2f} | {kafka / auto:.1f}x | {auto * 1e6 / n:,.1f} | "
                  f"{limit / auto:.2f}x | {alloc:.3f} | {ra:.2f} | {kafka / ra:.1f}x | {ra * 1e6 / n:,.1f} | {limit / ra:.2f}x |")
        med = [statistics.median(col) for col in zip(*cols)]
        print(f"| **median** | {med[0]:,.1f} | {med[1]:.2f} | {med[2]:.2f} | **{med[3]:.1f}x** | **{med[4]:,.1f}** | "
              f"**{med[5]:.2f}x** | {med[6]:.3f} | {med[7]:.2f} | {med[8]:.1f}x | {med[9]:,.1f} | {med[10]:.2f}x |\n")


if __name__ == "__main__":
    main(sys.argv[1])
