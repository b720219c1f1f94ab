package dev.kfsck.core.analysis.cluster;

import dev.kfsck.core.analysis.LogDirFacts;
import dev.kfsck.core.analysis.MetadataDigest;

import java.util.ArrayList;
import java.util.List;

/** A node's metadata log as its facts describe it, whichever of the digest and the log facts are present. */
final class MetadataLogs {

    private MetadataLogs() {
    }

    /** The raft epoch of the last batch, or -1. */
    static int lastEpoch(LogDirFacts f) {
        MetadataDigest d = f.metadataDigest();
        if (d != null && !d.batches().isEmpty()) return d.batches().get(d.batches().size() - 1).epoch();
        if (f.metadataLog() != null) return f.metadataLog().lastEpoch();
        return -1;
    }

    /** The log end offset, or -1 when unknown. */
    static long endOffset(LogDirFacts f) {
        MetadataDigest d = f.metadataDigest();
        if (d != null && !d.batches().isEmpty()) return d.endOffset();
        if (f.metadataLog() != null) return f.metadataLog().endOffset();
        return d != null ? 0 : -1;
    }

    static boolean known(LogDirFacts f) {
        return f.metadataDigest() != null || f.metadataLog() != null;
    }

    /** Epoch starts: from every batch when the digest kept them all, else from the log facts, else from the sample. */
    static EpochHistory history(LogDirFacts f) {
        MetadataDigest d = f.metadataDigest();
        if (d != null && !d.sampled()) return fromBatches(d.batches());
        if (f.metadataLog() != null && f.metadataLog().epochs() != null) return new EpochHistory(f.metadataLog().epochs());
        return d == null ? new EpochHistory(List.of()) : fromBatches(d.batches());
    }

    private static EpochHistory fromBatches(List<MetadataDigest.Batch> batches) {
        List<LogDirFacts.EpochStart> starts = new ArrayList<>();
        int current = Integer.MIN_VALUE;
        for (MetadataDigest.Batch b : batches) {
            if (b.epoch() > current) {
                starts.add(new LogDirFacts.EpochStart(b.epoch(), b.baseOffset()));
                current = b.epoch();
            }
        }
        return new EpochHistory(starts);
    }
}
