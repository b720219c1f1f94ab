package dev.kfsck.core.format.segment;

import dev.kfsck.core.io.ByteWindows;

import java.io.IOException;
import java.nio.file.Path;

/** How a scan brings a file's bytes into memory. */
public enum ByteSource {
    /** Read-only memory maps of {@code windowBytes} (default 256 MiB), off-heap. */
    MAPPED,
    /** Positional reads into one reused direct buffer of {@code windowBytes} (default 4 MiB). */
    READ,
    /**
     * Positional reads of {@code windowBytes} (default 4 MiB) done by a helper thread ahead of the scan, into
     * {@link #READ_AHEAD_BUFFERS} direct buffers: the copy from the page cache overlaps the CRC.
     */
    READ_AHEAD,
    /** {@link #READ} for files under {@link #AUTO_MAP_THRESHOLD}, {@link #MAPPED} above. */
    AUTO;

    /**
     * Files at least this big are mapped by {@link #AUTO}. Measured (benchmarks/README.md): on 13 MB segments of small
     * batches a map beats reads into the 4 MiB buffer by 1.3-2.5x; on segments of a few KiB reads win.
     */
    public static final long AUTO_MAP_THRESHOLD = 1L << 20;

    /** Buffers of {@link #READ_AHEAD}: the one being scanned and those being read. */
    public static final int READ_AHEAD_BUFFERS = 4;
    /** Threads reading for {@link #READ_AHEAD}. */
    public static final int READ_AHEAD_HELPERS = 2;

    /** Opens {@code file}; {@code windowBytes} ≤ 0 means the default of the chosen kind. */
    public ByteWindows open(Path file, long size, int windowBytes) throws IOException {
        ByteSource kind = this == AUTO ? (size >= AUTO_MAP_THRESHOLD ? MAPPED : READ) : this;
        if (kind == MAPPED) {
            return ByteWindows.mapped(file, windowBytes > 0 ? windowBytes : ByteWindows.DEFAULT_MAP_WINDOW);
        }
        int read = windowBytes > 0 ? windowBytes : ByteWindows.DEFAULT_READ_WINDOW;
        if (kind == READ_AHEAD) {
            return ByteWindows.readAhead(file, read, Math.max(64, read / 4), READ_AHEAD_BUFFERS, READ_AHEAD_HELPERS);
        }
        return ByteWindows.read(file, read);
    }
}
