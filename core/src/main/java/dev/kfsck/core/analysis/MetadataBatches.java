package dev.kfsck.core.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The batches of the metadata log that survive Kafka's recovery, in offset order: base offset, last offset, raft
 * epoch, and where each lies. Primitive arrays, so a long metadata log costs about 30 bytes a batch.
 */
final class MetadataBatches {

    private long[] base = new long[64];
    private long[] last = new long[64];
    private int[] epoch = new int[64];
    private long[] position = new long[64];
    private int[] fileIndex = new int[64];
    private final List<String> files = new ArrayList<>();
    private int size;

    void add(String file, long pos, long baseOffset, long lastOffset, int ple) {
        if (files.isEmpty() || !files.get(files.size() - 1).equals(file)) files.add(file);
        if (size == base.length) {
            int n = size * 2;
            base = Arrays.copyOf(base, n);
            last = Arrays.copyOf(last, n);
            epoch = Arrays.copyOf(epoch, n);
            position = Arrays.copyOf(position, n);
            fileIndex = Arrays.copyOf(fileIndex, n);
        }
        base[size] = baseOffset;
        last[size] = lastOffset;
        epoch[size] = ple;
        position[size] = pos;
        fileIndex[size] = files.size() - 1;
        size++;
    }

    int size() {
        return size;
    }

    long base(int i) {
        return base[i];
    }

    long last(int i) {
        return last[i];
    }

    int epoch(int i) {
        return epoch[i];
    }

    long position(int i) {
        return position[i];
    }

    String file(int i) {
        return files.get(fileIndex[i]);
    }

    /** The batch holding {@code offset}, or -1. */
    int containing(long offset) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (last[mid] < offset) lo = mid + 1;
            else if (base[mid] > offset) hi = mid - 1;
            else return mid;
        }
        return -1;
    }

    /** Whether a batch starts exactly at {@code offset}. */
    boolean startsAt(long offset) {
        int i = containing(offset);
        return i >= 0 && base[i] == offset;
    }

    /** Each change of epoch (epochs ≥ 0 only) and the base offset of its first batch, in offset order. */
    List<RaftEpochModel.Entry> epochChanges() {
        List<RaftEpochModel.Entry> out = new ArrayList<>();
        int current = Integer.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            if (epoch[i] >= 0 && epoch[i] != current) {
                out.add(new RaftEpochModel.Entry(epoch[i], base[i]));
                current = epoch[i];
            }
        }
        return out;
    }

    /** The first batch carrying {@code e}, or -1. */
    int firstWithEpoch(int e) {
        for (int i = 0; i < size; i++) {
            if (epoch[i] == e) return i;
        }
        return -1;
    }

    int maxEpoch() {
        int m = -1;
        for (int i = 0; i < size; i++) m = Math.max(m, epoch[i]);
        return m;
    }
}
