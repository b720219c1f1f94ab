package dev.kfsck.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** {@link ByteWindows} over a buffer already in memory: one window holding everything. */
final class BufferWindows implements ByteWindows {

    private final ByteBuffer window;

    BufferWindows(ByteBuffer buffer) {
        this.window = buffer.slice().order(ByteOrder.BIG_ENDIAN).asReadOnlyBuffer();
    }

    @Override
    public long size() {
        return window.capacity();
    }

    @Override
    public int maxWindow() {
        return window.capacity();
    }

    @Override
    public ByteBuffer cover(long position, int length) {
        ByteWindows.checkRange(position, length, window.capacity(), window.capacity());
        return window;
    }

    @Override
    public long windowStart() {
        return 0;
    }

    @Override
    public long refills() {
        return 0;
    }

    @Override
    public void close() {
    }
}
