package dev.kfsck.core.analysis;

import dev.kfsck.core.format.segment.BatchHeader;
import dev.kfsck.core.format.segment.BatchListener;

import java.util.Arrays;

/**
 * Finds, while segments are scanned in offset order, the first batch at or after each leader-epoch entry's start
 * offset (the batch holding the offset, or the next one when the offset itself is gone), and its partition leader
 * epoch. Memory is two arrays the size of the (small) epoch cache.
 */
final class EpochProbe implements BatchListener {

    private final long[] starts;
    private final long[] batchBase;
    private final int[] batchEpoch;
    private int next;

    /** {@code starts} ascending. */
    EpochProbe(long[] starts) {
        this.starts = starts.clone();
        this.batchBase = new long[starts.length];
        this.batchEpoch = new int[starts.length];
        Arrays.fill(batchBase, -1);
        Arrays.fill(batchEpoch, -1);
    }

    @Override
    public void onBatch(BatchHeader batch) {
        long last = batch.lastOffset();
        while (next < starts.length && starts[next] <= last) {
            batchBase[next] = batch.baseOffset();
            batchEpoch[next] = batch.partitionLeaderEpoch();
            next++;
        }
    }

    /** The base offset of the first batch at or after start {@code i}, or -1 when none was seen. */
    long batchBase(int i) {
        return batchBase[i];
    }

    /** Its partition leader epoch (-1 for none or a legacy message). */
    int batchEpoch(int i) {
        return batchEpoch[i];
    }

    /** Forwards every batch and hole to several listeners. */
    static BatchListener both(BatchListener a, BatchListener b) {
        return new BatchListener() {
            @Override
            public void onBatch(BatchHeader batch) {
                a.onBatch(batch);
                b.onBatch(batch);
            }

            @Override
            public void onHole(long start, long end, dev.kfsck.core.format.segment.HoleReason reason) {
                a.onHole(start, end, reason);
                b.onHole(start, end, reason);
            }
        };
    }
}
