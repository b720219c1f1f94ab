package dev.kfsck.core.format.segment;

import dev.kfsck.core.io.ByteWindows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Walks a {@code .log} segment batch by batch, the way Kafka's {@code FileLogInputStream} and recovery do, and
 * reports what it finds instead of throwing. Memory stays bounded whatever the file size: bytes come through
 * {@link ByteWindows} (mapped windows or one reused read buffer), batches are read through reused flyweights, and the
 * per-batch path allocates nothing.
 *
 * <p>Kafka's iteration rules, followed here: with 17 or fewer bytes left the iterator stops; a length field below 14
 * is corruption; a batch that would end past the file end stops the iterator (a torn tail); magic below 2 is a
 * legacy message, anything else is read as v2 (magic above 2 is reported). Recovery then checks each batch's size
 * and CRC and truncates at the first failure. Unlike Kafka, the scan goes on after damage: it searches for the next
 * plausible batch (magic 0-2, a length inside the file, offsets above the last good one, a valid CRC) and reports
 * the damaged range as a {@link Hole}, so a repair can salvage what follows.
 *
 * <pre>{@code
 * SegmentScan s = SegmentScanner.scan(path, "orders-0/00000000000000000000.log", ScanOptions.full());
 * SegmentScan h = SegmentScanner.scan(path, rel, ScanOptions.headersOnly().withSource(ByteSource.READ, 0));
 * }</pre>
 */
public final class SegmentScanner {

    private SegmentScanner() {
    }

    /** Scans a file, opening it with the options' byte source. Throws only on I/O errors, never on bad data. */
    public static SegmentScan scan(Path path, String file, ScanOptions options) throws IOException {
        long size = Files.size(path);
        try (ByteWindows bytes = options.source().open(path, size, options.windowBytes(), options.mode())) {
            return scan(bytes, file, options);
        }
    }

    /** Scans bytes from any source; {@code file} names the segment (its base offset is read from the name). */
    public static SegmentScan scan(ByteWindows bytes, String file, ScanOptions options) throws IOException {
        return new SegmentWalk(bytes, file, options).run();
    }

    /**
     * The base offset in a segment file name ({@code 00000000000000001234.log} → 1234), or -1 when the name is not
     * 20 digits followed by an extension. Directories in {@code file} are ignored.
     */
    public static long baseOffsetOf(String file) {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        String name = file.substring(slash + 1);
        int dot = name.indexOf('.');
        if (dot != 20) return -1;
        long v = 0;
        for (int i = 0; i < 20; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') return -1;
            if (v > (Long.MAX_VALUE - (c - '0')) / 10) return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
