package dev.kfsck.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * {@link ByteWindows} that reads the file with positional reads into one direct buffer, allocated once. Each
 * refill starts the window at the requested position and reads as much as fits.
 */
final class ReadWindows implements ByteWindows {

    private final FileChannel channel;
    private final boolean ownsChannel;
    private final long size;
    private final ByteBuffer buffer;
    private long start = 0;
    private int filled = 0;
    private long refills = 0;

    ReadWindows(FileChannel channel, int bufferBytes, boolean ownsChannel) throws IOException {
        this.channel = channel;
        this.ownsChannel = ownsChannel;
        this.size = channel.size();
        int capacity = (int) Math.max(64, Math.min(bufferBytes, Math.max(size, 64)));
        this.buffer = ByteBuffer.allocateDirect(capacity);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int maxWindow() {
        return buffer.capacity();
    }

    @Override
    public ByteBuffer cover(long position, int length) throws IOException {
        ByteWindows.checkRange(position, length, size, buffer.capacity());
        if (position >= start && position + length <= start + filled) return buffer;
        int want = (int) Math.min(buffer.capacity(), size - position);
        buffer.clear().limit(want);
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) throw new EOFException("file shrank while reading at " + at);
            at += n;
        }
        start = position;
        filled = want;
        refills++;
        buffer.clear();
        return buffer;
    }

    @Override
    public long windowStart() {
        return start;
    }

    @Override
    public long refills() {
        return refills;
    }

    @Override
    public void close() throws IOException {
        if (ownsChannel) channel.close();
    }
}
