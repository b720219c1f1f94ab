package dev.kfsck.core.io;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A few direct buffers kept between scans, so a log dir of many big segments does not allocate (and zero) fresh
 * off-heap buffers for each file. Holds at most {@link #MAX_KEPT_BYTES}; the rest is left to the garbage collector.
 */
final class DirectBufferPool {

    /** The most bytes kept for reuse: two read-ahead scans' worth at the default sizes. */
    static final long MAX_KEPT_BYTES = 32L << 20;

    private static final ArrayDeque<ByteBuffer> KEPT = new ArrayDeque<>();
    private static long keptBytes;

    private DirectBufferPool() {
    }

    /** A cleared direct buffer of exactly {@code capacity} bytes (contents undefined). */
    static ByteBuffer take(int capacity) {
        synchronized (KEPT) {
            for (var it = KEPT.iterator(); it.hasNext(); ) {
                ByteBuffer b = it.next();
                if (b.capacity() == capacity) {
                    it.remove();
                    keptBytes -= capacity;
                    return b.clear();
                }
            }
        }
        return ByteBuffer.allocateDirect(capacity);
    }

    /** Gives a buffer back; the caller must not touch it afterwards. */
    static void give(ByteBuffer b) {
        synchronized (KEPT) {
            if (keptBytes + b.capacity() > MAX_KEPT_BYTES) return;
            KEPT.addFirst(b);
            keptBytes += b.capacity();
        }
    }
}
