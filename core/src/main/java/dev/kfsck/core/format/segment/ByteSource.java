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
     * Positional reads of {@code windowBytes} (default 1 MiB, at most 128 MiB) done by {@link #READ_AHEAD_HELPERS}
     * helper thread ahead of the scan (and by the scan itself while it would wait), into
     * {@link #READ_AHEAD_BUFFERS} slots of one direct buffer (each with as much headroom again, for batches split
     * between chunks): the copy from the page cache overlaps the CRC and runs on more than one core.
     */
    READ_AHEAD,
    /**
     * {@link #READ} for files under {@link #AUTO_MAP_THRESHOLD}, {@link #MAPPED} above; for a full scan (which
     * needs every byte) {@link #READ_AHEAD} from {@link #AUTO_READ_AHEAD_THRESHOLD}. A header-only walk of a big
     * file stays mapped: it touches one page per batch, reading ahead would copy them all. On a single CPU there is
     * nothing to overlap, so big files stay mapped there too.
     */
    AUTO;

    /**
     * Files at least this big are mapped by {@link #AUTO}. Measured (benchmarks/README.md): on 13 MB segments of small
     * batches a map beats reads into the 4 MiB buffer by 1.3-2.5x; on segments of a few KiB reads win.
     */
    public static final long AUTO_MAP_THRESHOLD = 1L << 20;

    /**
     * Files at least this big are read ahead by {@link #AUTO} for a full scan. Measured (benchmarks/README.md,
     * "Reading ahead, second version", probe AutoThreshold): from 8 MiB on, reading ahead is as fast as a map or
     * faster, on segments of 82-byte batches and of 54 KB batches alike; below, starting the helper costs more than
     * the overlap gains.
     */
    public static final long AUTO_READ_AHEAD_THRESHOLD = 8L << 20;

    /** The default chunk of {@link #READ_AHEAD}. */
    public static final int READ_AHEAD_WINDOW = 1 << 20;
    /** Slots of {@link #READ_AHEAD}: the one being scanned and those being read. */
    public static final int READ_AHEAD_BUFFERS = 6;
    /**
     * The buffer {@link #READ_AHEAD} may use before it takes fewer slots (never fewer than two): a 16 MiB window
     * with six slots and their headroom would be 192 MiB, allocated and zeroed for every file.
     */
    static final long READ_AHEAD_BUDGET = 32L << 20;
    /**
     * Threads reading for {@link #READ_AHEAD}. The scanning thread reads too while it would otherwise wait, so a
     * scan limited by the copy has two readers, and one limited by its walk has one thread beside it, not more.
     */
    public static final int READ_AHEAD_HELPERS = 1;

    private static final boolean MORE_THAN_ONE_CPU = Runtime.getRuntime().availableProcessors() > 1;

    /** Opens {@code file} for a full scan; {@code windowBytes} ≤ 0 means the default of the chosen kind. */
    public ByteWindows open(Path file, long size, int windowBytes) throws IOException {
        return open(file, size, windowBytes, ScanMode.FULL);
    }

    /** Opens {@code file} for a scan in {@code mode}; {@code windowBytes} ≤ 0 means the default of the chosen kind. */
    public ByteWindows open(Path file, long size, int windowBytes, ScanMode mode) throws IOException {
        ByteSource kind = this != AUTO ? this
                : size >= AUTO_READ_AHEAD_THRESHOLD && mode == ScanMode.FULL && MORE_THAN_ONE_CPU ? READ_AHEAD
                : size >= AUTO_MAP_THRESHOLD ? MAPPED : READ;
        switch (kind) {
            case MAPPED:
                return ByteWindows.mapped(file, windowBytes > 0 ? windowBytes : ByteWindows.DEFAULT_MAP_WINDOW);
            case READ_AHEAD:
                // headroom of a whole chunk: a batch split between two chunks is always carried over, never reread;
                // a chunk no bigger than the file, and fewer slots for big chunks, so the buffer fits the file
                int wanted = windowBytes > 0 ? Math.min(128 << 20, windowBytes) : READ_AHEAD_WINDOW;
                int chunk = (int) Math.max(64, Math.min(wanted, size));
                int slots = (int) Math.max(2, Math.min(READ_AHEAD_BUFFERS, READ_AHEAD_BUDGET / (2L * chunk)));
                return ByteWindows.readAhead(file, chunk, chunk, slots, READ_AHEAD_HELPERS);
            default:
                return ByteWindows.read(file, windowBytes > 0 ? windowBytes : ByteWindows.DEFAULT_READ_WINDOW);
        }
    }
}
