package dev.kfsck.core.format.segment;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Parsed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A parsed {@code .timeindex} file: 12-byte entries (timestamp int64, relative offset int32), read in place. Each
 * entry holds the largest timestamp seen so far and the last offset of the batch that carried it. Zero slack as in
 * {@link OffsetIndexView}.
 *
 * <pre>
 *  offset  size  field
 *       0     8  timestamp       int64  max timestamp so far
 *       8     4  relativeOffset  int32  last offset of the batch holding it - segment base offset
 * </pre>
 */
public final class TimeIndexView {

    public static final int ENTRY_SIZE = 12;
    public static final int TIMESTAMP = 0;
    public static final int RELATIVE_OFFSET = 8;

    private final String file;
    private final ByteBuffer bytes;
    private final long baseOffset;
    private final int entries;
    private final int slots;

    private TimeIndexView(String file, ByteBuffer bytes, long baseOffset, int entries, int slots) {
        this.file = file;
        this.bytes = bytes;
        this.baseOffset = baseOffset;
        this.entries = entries;
        this.slots = slots;
    }

    /** Parses a time index; {@code activeSegment} as in {@link OffsetIndexView#parse}. */
    public static Parsed<TimeIndexView> parse(String file, ByteBuffer bytes, long baseOffset, boolean activeSegment) {
        ByteBuffer b = bytes.slice().asReadOnlyBuffer();
        CappedFindings findings = new CappedFindings(file, 100, IndexCodes.MORE_FINDINGS);
        int length = b.capacity();
        if (length % ENTRY_SIZE != 0) {
            findings.add(IndexCodes.TIME_INDEX_LENGTH, length - length % ENTRY_SIZE, length % ENTRY_SIZE,
                    "time index is " + length + " bytes, not a multiple of 12", Evidence.of(length, "a multiple of 12"));
        }
        int slots = length / ENTRY_SIZE;
        int entries = IndexSlack.realEntries(b, slots, ENTRY_SIZE);
        TimeIndexView view = new TimeIndexView(file, b, baseOffset, entries, slots);
        if (entries < slots && !activeSegment) {
            findings.add(IndexCodes.TIME_INDEX_ZERO_SLACK, (long) entries * ENTRY_SIZE, (long) (slots - entries) * ENTRY_SIZE,
                    (slots - entries) + " zero entries after " + entries + " real ones",
                    Evidence.of(slots + " slots", entries + " slots"));
        }
        for (int i = 1; i < entries; i++) {
            if (view.timestamp(i) < view.timestamp(i - 1)) {
                findings.add(IndexCodes.TIME_INDEX_TIMESTAMP_BACKWARDS, (long) i * ENTRY_SIZE, ENTRY_SIZE,
                        "entry " + i + " timestamp " + view.timestamp(i) + " is below the previous " + view.timestamp(i - 1),
                        Evidence.of(view.timestamp(i), ">= " + view.timestamp(i - 1)));
            }
            if (view.relativeOffset(i) < view.relativeOffset(i - 1)) {
                findings.add(IndexCodes.TIME_INDEX_OFFSET_BACKWARDS, (long) i * ENTRY_SIZE, ENTRY_SIZE,
                        "entry " + i + " offset " + view.relativeOffset(i) + " is below the previous " + view.relativeOffset(i - 1),
                        Evidence.of(view.relativeOffset(i), ">= " + view.relativeOffset(i - 1)));
            }
        }
        return Parsed.of(view, findings.list());
    }

    public static Parsed<TimeIndexView> parse(Path path, String file, long baseOffset, boolean activeSegment) throws IOException {
        return parse(file, IndexSlack.map(path), baseOffset, activeSegment);
    }

    public String file() {
        return file;
    }

    public long baseOffset() {
        return baseOffset;
    }

    public int entries() {
        return entries;
    }

    public int slots() {
        return slots;
    }

    public long slackStart() {
        return (long) entries * ENTRY_SIZE;
    }

    public long slackEnd() {
        return (long) slots * ENTRY_SIZE;
    }

    public long timestamp(int i) {
        return bytes.getLong(i * ENTRY_SIZE + TIMESTAMP);
    }

    public int relativeOffset(int i) {
        return bytes.getInt(i * ENTRY_SIZE + RELATIVE_OFFSET);
    }

    public long offset(int i) {
        return baseOffset + relativeOffset(i);
    }
}
