package dev.kfsck.core.analysis.cluster;

import dev.kfsck.core.analysis.LogDirFacts;
import dev.kfsck.core.analysis.MetadataDigest;
import dev.kfsck.core.finding.Evidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares every node's metadata log with the most complete one: the first offset where they disagree on epoch or
 * batch CRC, where raft would truncate the node, and how far behind it is.
 */
final class MetadataLogRules {

    private MetadataLogRules() {
    }

    static ClusterView.MetadataLogView apply(Nodes nodes, Findings out) {
        Map<Integer, DirFacts> md = new TreeMap<>();
        nodes.metadataDirs().forEach((n, d) -> {
            if (MetadataLogs.known(d.facts())) md.put(n, d);
        });
        if (md.isEmpty()) return new ClusterView.MetadataLogView(null, List.of());
        int ref = md.keySet().stream().max(Comparator
                .comparingInt((Integer n) -> MetadataLogs.lastEpoch(md.get(n).facts()))
                .thenComparingLong(n -> MetadataLogs.endOffset(md.get(n).facts()))
                .thenComparing(Comparator.reverseOrder())).orElseThrow();
        LogDirFacts refFacts = md.get(ref).facts();
        long refEnd = MetadataLogs.endOffset(refFacts);
        EpochHistory refHistory = MetadataLogs.history(refFacts);

        List<ClusterView.LogComparison> comparisons = new ArrayList<>();
        boolean allSame = true;
        for (var e : md.entrySet()) {
            int node = e.getKey();
            LogDirFacts f = e.getValue().facts();
            long end = MetadataLogs.endOffset(f);
            int lastEpoch = MetadataLogs.lastEpoch(f);
            if (node == ref) {
                comparisons.add(new ClusterView.LogComparison(node, end, lastEpoch, ClusterView.Relation.MOST_COMPLETE, -1, end));
                continue;
            }
            long truncateTo = MetadataLogs.history(f).truncationOffset(end, refHistory, refEnd, 0);
            Divergence crc = firstDifference(f.metadataDigest(), refFacts.metadataDigest());
            long divergence = Math.min(truncateTo < end ? truncateTo : Long.MAX_VALUE, crc == null ? Long.MAX_VALUE : crc.offset());
            ClusterView.Relation relation;
            if (divergence < end) {
                relation = ClusterView.Relation.DIVERGED;
                allSame = false;
                String how = crc != null && crc.offset() == divergence ? crc.describe()
                        : "its epoch history leaves the leader's at offset " + truncateTo;
                out.add(ClusterCodes.METADATA_LOG_DIVERGED, e.getValue().dir(), QuorumRules.METADATA_DIR,
                        "node " + node + "'s metadata log (end " + end + ", epoch " + lastEpoch + ") diverges from node " + ref
                                + "'s (end " + refEnd + ", epoch " + MetadataLogs.lastEpoch(refFacts) + ") at offset "
                                + divergence + ": " + how + "; following node " + ref + " it truncates to " + Math.min(truncateTo, divergence)
                                + ", dropping " + (end - Math.min(truncateTo, divergence)) + " offset(s)",
                        Evidence.of(crc != null && crc.offset() == divergence ? crc.seen() : "history " + MetadataLogs.history(f).entries(),
                                crc != null && crc.offset() == divergence ? crc.expected() : "history " + refHistory.entries()),
                        node, List.of(ref));
                truncateTo = Math.min(truncateTo, divergence);
            } else if (end < refEnd) {
                relation = ClusterView.Relation.BEHIND;
                allSame = false;
                Set<Integer> holders = new TreeSet<>();
                for (var o : md.entrySet()) {
                    if (MetadataLogs.endOffset(o.getValue().facts()) >= refEnd) holders.add(o.getKey());
                }
                int majority = md.size() / 2 + 1;
                out.add(ClusterCodes.METADATA_LOG_BEHIND, e.getValue().dir(), QuorumRules.METADATA_DIR,
                        "node " + node + "'s metadata log ends at offset " + end + " (epoch " + lastEpoch + "), "
                                + (refEnd - end) + " offset(s) short of node " + ref + "'s (" + refEnd + ")"
                                + (holders.size() < majority ? "; offsets " + end + ".." + (refEnd - 1) + " are held by only "
                                + holders.size() + " of the " + md.size() + " metadata logs here (nodes " + holders + ")" : ""),
                        Evidence.of(end, refEnd), node, holders);
            } else {
                relation = ClusterView.Relation.SAME;
            }
            comparisons.add(new ClusterView.LogComparison(node, end, lastEpoch, relation, divergence == Long.MAX_VALUE ? -1 : divergence, truncateTo));
        }
        if (md.size() > 1 && !allSame) {
            Set<Integer> others = new TreeSet<>(md.keySet());
            others.remove(ref);
            out.add(ClusterCodes.METADATA_LOG_MOST_COMPLETE, md.get(ref).dir(), QuorumRules.METADATA_DIR,
                    "node " + ref + " holds the most complete metadata log: last epoch " + MetadataLogs.lastEpoch(refFacts)
                            + ", end offset " + refEnd,
                    Evidence.seen("epoch " + MetadataLogs.lastEpoch(refFacts) + ", end " + refEnd), ref, others);
        }
        return new ClusterView.MetadataLogView(ref, comparisons);
    }

    /** The first batch where two digests disagree. */
    record Divergence(long offset, MetadataDigest.Batch mine, MetadataDigest.Batch theirs) {
        String describe() {
            if (theirs == null) return "batch boundaries differ (a batch starts at " + offset + " in this log only)";
            if (mine.epoch() != theirs.epoch()) return "the batch at " + offset + " has epoch " + mine.epoch() + " here, " + theirs.epoch() + " there";
            if (mine.lastOffset() != theirs.lastOffset()) return "the batch at " + offset + " ends at " + mine.lastOffset() + " here, " + theirs.lastOffset() + " there";
            return String.format("the batch at %d (epoch %d) has CRC %08x here, %08x there", offset, mine.epoch(), mine.crc(), theirs.crc());
        }

        String seen() {
            return String.format("offset %d epoch %d crc %08x", offset, mine.epoch(), mine.crc());
        }

        String expected() {
            return theirs == null ? "no batch starting at " + offset : String.format("offset %d epoch %d crc %08x", offset, theirs.epoch(), theirs.crc());
        }
    }

    /**
     * The first batch of {@code mine} that {@code theirs} contradicts: the same base offset with another epoch, end or
     * CRC, or a base offset inside one of their batches (other boundaries). Gaps of a sample are skipped: what was not
     * kept cannot be compared.
     */
    static Divergence firstDifference(MetadataDigest mine, MetadataDigest theirs) {
        if (mine == null || theirs == null) return null;
        List<MetadataDigest.Batch> t = theirs.batches();
        int j = 0;
        for (MetadataDigest.Batch a : mine.batches()) {
            while (j < t.size() && t.get(j).lastOffset() < a.baseOffset()) j++;
            if (j >= t.size()) return null;
            MetadataDigest.Batch b = t.get(j);
            if (b.baseOffset() == a.baseOffset()) {
                if (b.epoch() != a.epoch() || b.lastOffset() != a.lastOffset() || b.crc() != a.crc()) return new Divergence(a.baseOffset(), a, b);
            } else if (b.baseOffset() < a.baseOffset()) {
                return new Divergence(a.baseOffset(), a, null);
            }
        }
        return null;
    }
}
