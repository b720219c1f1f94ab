package dev.kfsck.core.format.segment;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Parsed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A parsed {@code .txnindex} file: a flat array of 34-byte aborted-transaction entries, no header, no checksum, read
 * in place. Kafka's iterator ignores a trailing partial entry and reads only the first byte of the version field.
 *
 * <pre>
 *  offset  size  field
 *       0     2  version           int16  0 (Kafka checks only the high byte)
 *       2     8  producerId        int64
 *      10     8  firstOffset       int64
 *      18     8  lastOffset        int64
 *      26     8  lastStableOffset  int64
 * </pre>
 */
public final class TxnIndexView {

    public static final int ENTRY_SIZE = 34;
    public static final int VERSION = 0;
    public static final int PRODUCER_ID = 2;
    public static final int FIRST_OFFSET = 10;
    public static final int LAST_OFFSET = 18;
    public static final int LAST_STABLE_OFFSET = 26;

    private final String file;
    private final ByteBuffer bytes;
    private final int entries;

    private TxnIndexView(String file, ByteBuffer bytes, int entries) {
        this.file = file;
        this.bytes = bytes;
        this.entries = entries;
    }

    public static Parsed<TxnIndexView> parse(String file, ByteBuffer bytes, long segmentBaseOffset) {
        ByteBuffer b = bytes.slice().asReadOnlyBuffer();
        CappedFindings findings = new CappedFindings(file, 100, IndexCodes.MORE_FINDINGS);
        int length = b.capacity();
        int entries = length / ENTRY_SIZE;
        TxnIndexView view = new TxnIndexView(file, b, entries);
        if (length % ENTRY_SIZE != 0) {
            findings.add(IndexCodes.TXN_PARTIAL_ENTRY, (long) entries * ENTRY_SIZE, length % ENTRY_SIZE,
                    (length % ENTRY_SIZE) + " bytes after the last whole entry", Evidence.of(length, "a multiple of 34"));
        }
        for (int i = 0; i < entries; i++) {
            long at = (long) i * ENTRY_SIZE;
            int high = b.get(i * ENTRY_SIZE) & 0xFF;
            int low = b.get(i * ENTRY_SIZE + 1) & 0xFF;
            if (high != 0) {
                findings.add(IndexCodes.TXN_BAD_VERSION, at, 2, "entry " + i + " version byte is " + high, Evidence.of(high, 0));
            } else if (low != 0) {
                findings.add(IndexCodes.TXN_VERSION_LOW_BYTE, at + 1, 1, "entry " + i + " version field is " + view.version(i),
                        Evidence.of(view.version(i), 0));
            }
            if (view.lastOffset(i) < segmentBaseOffset) {
                findings.add(IndexCodes.TXN_LAST_OFFSET_BELOW_BASE, at, ENTRY_SIZE, "entry " + i + " last offset "
                        + view.lastOffset(i) + " is below the segment base offset " + segmentBaseOffset,
                        Evidence.of(view.lastOffset(i), ">= " + segmentBaseOffset));
            }
            if (view.firstOffset(i) > view.lastOffset(i)) {
                findings.add(IndexCodes.TXN_OFFSETS_INVERTED, at, ENTRY_SIZE, "entry " + i + " offsets "
                        + view.firstOffset(i) + ".." + view.lastOffset(i) + " are inverted",
                        Evidence.of(view.firstOffset(i) + ".." + view.lastOffset(i), "first <= last"));
            }
        }
        return Parsed.of(view, findings.list());
    }

    public static Parsed<TxnIndexView> parse(Path path, String file, long segmentBaseOffset) throws IOException {
        return parse(file, IndexSlack.map(path), segmentBaseOffset);
    }

    public String file() {
        return file;
    }

    /** Whole entries (a trailing partial one is not counted, as Kafka does not read it). */
    public int entries() {
        return entries;
    }

    public short version(int i) {
        return bytes.getShort(i * ENTRY_SIZE + VERSION);
    }

    public long producerId(int i) {
        return bytes.getLong(i * ENTRY_SIZE + PRODUCER_ID);
    }

    public long firstOffset(int i) {
        return bytes.getLong(i * ENTRY_SIZE + FIRST_OFFSET);
    }

    public long lastOffset(int i) {
        return bytes.getLong(i * ENTRY_SIZE + LAST_OFFSET);
    }

    public long lastStableOffset(int i) {
        return bytes.getLong(i * ENTRY_SIZE + LAST_STABLE_OFFSET);
    }
}
