package dev.kfsck.core.format.segment;

import java.util.Arrays;

/**
 * Where each valid batch of a segment starts and which offset it ends with, sorted by position: what
 * {@link IndexVerifier} checks index entries against. Two primitive arrays; immutable once built.
 */
public final class BatchIndex {

    private final long[] positions;
    private final long[] lastOffsets;
    private final long[] maxTimestamps;
    private final int size;
    private final long logSize;

    private BatchIndex(long[] positions, long[] lastOffsets, long[] maxTimestamps, int size, long logSize) {
        this.positions = positions;
        this.lastOffsets = lastOffsets;
        this.maxTimestamps = maxTimestamps;
        this.size = size;
        this.logSize = logSize;
    }

    /** Builds one from parallel arrays (sorted by position), for callers that have batches from elsewhere. */
    public static BatchIndex of(long[] positions, long[] lastOffsets, long logSize) {
        if (positions.length != lastOffsets.length) throw new IllegalArgumentException("arrays differ in length");
        long[] ts = new long[positions.length];
        Arrays.fill(ts, -1);
        return new BatchIndex(positions.clone(), lastOffsets.clone(), ts, positions.length, logSize);
    }

    public int size() {
        return size;
    }

    /** The size of the log file the batches come from. */
    public long logSize() {
        return logSize;
    }

    public long position(int i) {
        return positions[i];
    }

    public long lastOffset(int i) {
        return lastOffsets[i];
    }

    public long maxTimestamp(int i) {
        return maxTimestamps[i];
    }

    /** The last offset of the segment's last batch, or -1 when it has none. */
    public long lastOffset() {
        return size == 0 ? -1 : lastOffsets[size - 1];
    }

    /** The index of the batch starting exactly at {@code position}, or -1. */
    public int batchAt(long position) {
        int i = Arrays.binarySearch(positions, 0, size, position);
        return i >= 0 ? i : -1;
    }

    /** The index of a batch whose last offset is {@code offset}, or -1 (binary search: assumes offsets increase, which the scan reports when they do not). */
    public int batchEndingAt(long offset) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = lastOffsets[mid];
            if (v < offset) lo = mid + 1;
            else if (v > offset) hi = mid - 1;
            else return mid;
        }
        return -1;
    }

    /** Collects batches in file order; grows by doubling. */
    static final class Builder {
        private long[] positions = new long[64];
        private long[] lastOffsets = new long[64];
        private long[] maxTimestamps = new long[64];
        private int size;

        void add(long position, long lastOffset, long maxTimestamp) {
            if (size == positions.length) {
                int n = size * 2;
                positions = Arrays.copyOf(positions, n);
                lastOffsets = Arrays.copyOf(lastOffsets, n);
                maxTimestamps = Arrays.copyOf(maxTimestamps, n);
            }
            positions[size] = position;
            lastOffsets[size] = lastOffset;
            maxTimestamps[size] = maxTimestamp;
            size++;
        }

        BatchIndex build(long logSize) {
            return new BatchIndex(Arrays.copyOf(positions, size), Arrays.copyOf(lastOffsets, size),
                    Arrays.copyOf(maxTimestamps, size), size, logSize);
        }
    }
}
