package dev.kfsck.core.io;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * {@link ByteWindows} over read-only memory maps of at most {@code windowBytes} each. A new window starts at the
 * requested position, so a batch that straddles the end of one window is whole in the next. The previous map is
 * released right away where the JDK allows it (so address space and page-cache mappings stay bounded), otherwise
 * when the garbage collector finds it.
 */
final class MappedWindows implements ByteWindows {

    private static final Unmapper UNMAPPER = Unmapper.find();

    private final FileChannel channel;
    private final boolean ownsChannel;
    private final long size;
    private final int windowBytes;
    private MappedByteBuffer window;
    private long start = 0;
    private long refills = 0;

    MappedWindows(FileChannel channel, int windowBytes, boolean ownsChannel) throws IOException {
        if (windowBytes < 4096) throw new IllegalArgumentException("window too small: " + windowBytes);
        this.channel = channel;
        this.ownsChannel = ownsChannel;
        this.size = channel.size();
        this.windowBytes = windowBytes;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int maxWindow() {
        return windowBytes;
    }

    @Override
    public ByteBuffer cover(long position, int length) throws IOException {
        ByteWindows.checkRange(position, length, size, windowBytes);
        if (window != null && position >= start && position + length <= start + window.capacity()) return window;
        release();
        int len = (int) Math.min(windowBytes, size - position);
        window = channel.map(FileChannel.MapMode.READ_ONLY, position, len);
        start = position;
        refills++;
        return window;
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
        release();
        if (ownsChannel) channel.close();
    }

    private void release() {
        if (window != null) {
            UNMAPPER.unmap(window);
            window = null;
        }
    }

    /** Releases a map eagerly through {@code sun.misc.Unsafe.invokeCleaner} when the runtime offers it. */
    private record Unmapper(Object unsafe, Method invokeCleaner) {

        static Unmapper find() {
            try {
                Class<?> c = Class.forName("sun.misc.Unsafe");
                Field f = c.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                return new Unmapper(f.get(null), c.getMethod("invokeCleaner", ByteBuffer.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return new Unmapper(null, null);
            }
        }

        void unmap(ByteBuffer buffer) {
            if (invokeCleaner == null) return;
            try {
                invokeCleaner.invoke(unsafe, buffer);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // left to the garbage collector
            }
        }
    }
}
