package dev.kfsck.core.io;

import java.nio.ByteBuffer;

/** Finds runs of zero bytes: whole-file nulls, null ranges and zero tails. */
public final class ZeroRuns {

    private ZeroRuns() {
    }

    /** True when the range holds only zero bytes (an empty range is not all zeros). */
    public static boolean allZero(byte[] b, int from, int to) {
        if (from >= to) return false;
        for (int i = from; i < to; i++) {
            if (b[i] != 0) return false;
        }
        return true;
    }

    public static boolean allZero(byte[] b) {
        return allZero(b, 0, b.length);
    }

    /** The index where the trailing run of zeros begins, or {@code to} when the last byte is not zero. */
    public static int zeroTailStart(byte[] b, int from, int to) {
        int i = to;
        while (i > from && b[i - 1] == 0) i--;
        return i;
    }

    /** The same over a buffer's absolute positions. */
    public static long zeroTailStart(ByteBuffer b, int from, int to) {
        int i = to;
        while (i > from && b.get(i - 1) == 0) i--;
        return i;
    }

    /** The first zero run at least {@code minRun} long in [from, to), as {start, length}, or null. */
    public static long[] firstRun(byte[] b, int from, int to, int minRun) {
        int start = -1;
        for (int i = from; i < to; i++) {
            if (b[i] == 0) {
                if (start < 0) start = i;
            } else if (start >= 0) {
                if (i - start >= minRun) return new long[] {start, i - start};
                start = -1;
            }
        }
        if (start >= 0 && to - start >= minRun) return new long[] {start, to - start};
        return null;
    }
}
