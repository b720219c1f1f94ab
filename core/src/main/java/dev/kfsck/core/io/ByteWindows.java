package dev.kfsck.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random access to a file (or buffer) of any size through one window of bytes at a time, so a scan keeps bounded
 * memory whatever the file size. A window is a {@link ByteBuffer} whose index 0 holds the file byte at
 * {@link #windowStart()}; callers read it with absolute gets only and must not keep it after the next
 * {@link #cover} call (the window may be replaced, and a mapped window may be unmapped).
 *
 * <p>Two ways to bring bytes in: {@link #mapped memory maps} (windows of up to a few hundred MiB, off-heap, the kernel
 * pages them in) and {@link #read positional reads} into one reused direct buffer. Both never write to the file.
 */
public interface ByteWindows extends Closeable {

    /** The default size of a mapped window: 256 MiB. */
    int DEFAULT_MAP_WINDOW = 256 << 20;
    /** The default size of a read buffer: 4 MiB. */
    int DEFAULT_READ_WINDOW = 4 << 20;

    /** The total number of bytes. */
    long size();

    /** The largest {@code length} {@link #cover} accepts. */
    int maxWindow();

    /**
     * Makes the bytes [position, position + length) readable and returns the window holding them; the byte at
     * {@code position} is at index {@code position - windowStart()}. The window may hold more than asked for: every
     * byte from {@code position} up to its limit (or up to the end of the file, whichever comes first) is the file's,
     * and callers may read them without asking again; bytes before {@code position} may be stale.
     *
     * @throws IllegalArgumentException when the range is outside the file or longer than {@link #maxWindow()}
     */
    ByteBuffer cover(long position, int length) throws IOException;

    /** The file position of index 0 of the current window. */
    long windowStart();

    /** How many times a window was (re)filled or (re)mapped: a measure for benchmarks. */
    long refills();

    /** Maps a file read-only, in windows of {@code windowBytes}. */
    static ByteWindows mapped(Path file, int windowBytes) throws IOException {
        return new MappedWindows(FileChannel.open(file, StandardOpenOption.READ), windowBytes, true);
    }

    /** Reads a file with positional reads into one reused direct buffer of {@code bufferBytes}. */
    static ByteWindows read(Path file, int bufferBytes) throws IOException {
        return new ReadWindows(FileChannel.open(file, StandardOpenOption.READ), bufferBytes, true);
    }

    /**
     * Reads a file front to back with {@code helpers} threads reading ahead into {@code buffers} slots of one direct
     * buffer, each of {@code bufferBytes} plus {@code carryBytes} of headroom (a batch split between two slots is
     * carried over when its first part is at most that long). Built for one forward pass; any other access still
     * works, more slowly. {@link #maxWindow()} is {@code bufferBytes}.
     */
    static ByteWindows readAhead(Path file, int bufferBytes, int carryBytes, int buffers, int helpers) throws IOException {
        return new PrefetchReadWindows(FileChannel.open(file, StandardOpenOption.READ), bufferBytes, carryBytes, buffers,
                helpers, true);
    }

    /** A buffer already in memory, as one window: its bytes from its position to its limit. */
    static ByteWindows of(ByteBuffer buffer) {
        return new BufferWindows(buffer);
    }

    /** Bytes in memory. */
    static ByteWindows of(byte[] bytes) {
        return new BufferWindows(ByteBuffer.wrap(bytes));
    }

    /** Throws when [position, position + length) is not inside [0, size) or too long for one window. */
    static void checkRange(long position, int length, long size, int maxWindow) {
        if (position < 0 || length < 0 || length > maxWindow || position > size - length) {
            throw new IllegalArgumentException("range [" + position + ", +" + length + ") outside [0, " + size
                    + ") or longer than the window " + maxWindow);
        }
    }
}
