package dev.kfsck.core.format.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The partition leader epochs of a segment's v2 batches as (epoch, first offset) pairs, one for each rise of the
 * epoch, as Kafka's recovery assigns them to the leader-epoch cache (only epochs ≥ 0 above the latest one). Stored
 * as two primitive arrays; immutable once built.
 */
public final class EpochTransitions {

    public static final EpochTransitions EMPTY = new EpochTransitions(new int[0], new long[0], 0);

    /** One (epoch, start offset) pair. */
    public record Entry(int epoch, long startOffset) {
    }

    private final int[] epochs;
    private final long[] startOffsets;
    private final int size;

    private EpochTransitions(int[] epochs, long[] startOffsets, int size) {
        this.epochs = epochs;
        this.startOffsets = startOffsets;
        this.size = size;
    }

    public int size() {
        return size;
    }

    public int epoch(int i) {
        return epochs[checkIndex(i)];
    }

    public long startOffset(int i) {
        return startOffsets[checkIndex(i)];
    }

    /** The latest epoch, or -1 when there is none. */
    public int latestEpoch() {
        return size == 0 ? -1 : epochs[size - 1];
    }

    public List<Entry> entries() {
        List<Entry> l = new ArrayList<>(size);
        for (int i = 0; i < size; i++) l.add(new Entry(epochs[i], startOffsets[i]));
        return l;
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i);
        return i;
    }

    @Override
    public String toString() {
        return entries().toString();
    }

    /** Collects transitions; grows by doubling, so a scan with a steady epoch allocates nothing. */
    static final class Builder {
        private int[] epochs = new int[8];
        private long[] offsets = new long[8];
        private int size;

        void add(int epoch, long startOffset) {
            if (size == epochs.length) {
                epochs = Arrays.copyOf(epochs, size * 2);
                offsets = Arrays.copyOf(offsets, size * 2);
            }
            epochs[size] = epoch;
            offsets[size] = startOffset;
            size++;
        }

        int latest() {
            return size == 0 ? -1 : epochs[size - 1];
        }

        EpochTransitions build() {
            return size == 0 ? EMPTY : new EpochTransitions(Arrays.copyOf(epochs, size), Arrays.copyOf(offsets, size), size);
        }
    }
}
