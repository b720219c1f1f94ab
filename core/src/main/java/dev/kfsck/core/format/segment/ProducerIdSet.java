package dev.kfsck.core.format.segment;

/** A set of non-negative longs with open addressing, for counting distinct producer ids up to a cap. */
final class ProducerIdSet {

    private final int cap;
    private long[] slots = new long[64];
    private int size;
    private boolean saturated;

    ProducerIdSet(int cap) {
        this.cap = cap;
        java.util.Arrays.fill(slots, -1);
    }

    void add(long id) {
        if (size >= cap) {
            if (!contains(id)) saturated = true;
            return;
        }
        if (insert(slots, id)) {
            size++;
            if (size * 2 > slots.length) grow();
        }
    }

    int size() {
        return size;
    }

    boolean saturated() {
        return saturated;
    }

    private boolean contains(long id) {
        int mask = slots.length - 1;
        for (int i = mix(id) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == -1) return false;
            if (slots[i] == id) return true;
        }
    }

    private static boolean insert(long[] table, long id) {
        int mask = table.length - 1;
        for (int i = mix(id) & mask; ; i = (i + 1) & mask) {
            if (table[i] == -1) {
                table[i] = id;
                return true;
            }
            if (table[i] == id) return false;
        }
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        java.util.Arrays.fill(bigger, -1);
        for (long v : slots) {
            if (v != -1) insert(bigger, v);
        }
        slots = bigger;
    }

    private static int mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
