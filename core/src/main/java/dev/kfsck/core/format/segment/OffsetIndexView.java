package dev.kfsck.core.format.segment;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Parsed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A parsed {@code .index} file: 8-byte entries (relative offset int32, position int32), read in place from a
 * read-only buffer, so a 10 MiB preallocated index costs no heap. The entries Kafka wrote are followed, in an active
 * segment's index after an unclean stop, by zero slack up to the preallocated size; {@link #entries()} counts only the
 * real ones (an index never holds a real (0, 0) entry: Kafka indexes a batch only after 4096 bytes were written).
 *
 * <pre>
 *  offset  size  field
 *       0     4  relativeOffset  int32  lastOffset of the batch - segment base offset
 *       4     4  position        int32  byte position of the batch's start in the .log
 * </pre>
 */
public final class OffsetIndexView {

    public static final int ENTRY_SIZE = 8;
    public static final int RELATIVE_OFFSET = 0;
    public static final int POSITION = 4;

    private final String file;
    private final ByteBuffer bytes;
    private final long baseOffset;
    private final int entries;
    private final int slots;

    private OffsetIndexView(String file, ByteBuffer bytes, long baseOffset, int entries, int slots) {
        this.file = file;
        this.bytes = bytes;
        this.baseOffset = baseOffset;
        this.entries = entries;
        this.slots = slots;
    }

    /**
     * Parses an offset index. {@code activeSegment}: the index belongs to the segment being written, where zero slack
     * after the entries is normal after an unclean stop (no finding); otherwise slack is reported.
     */
    public static Parsed<OffsetIndexView> parse(String file, ByteBuffer bytes, long baseOffset, boolean activeSegment) {
        ByteBuffer b = bytes.slice().asReadOnlyBuffer();
        CappedFindings findings = new CappedFindings(file, 100, IndexCodes.MORE_FINDINGS);
        int length = b.capacity();
        if (length % ENTRY_SIZE != 0) {
            findings.add(IndexCodes.OFFSET_INDEX_LENGTH, length - length % ENTRY_SIZE, length % ENTRY_SIZE,
                    "index is " + length + " bytes, not a multiple of 8", Evidence.of(length, "a multiple of 8"));
        }
        int slots = length / ENTRY_SIZE;
        int entries = IndexSlack.realEntries(b, slots, ENTRY_SIZE);
        OffsetIndexView view = new OffsetIndexView(file, b, baseOffset, entries, slots);
        if (entries < slots && !activeSegment) {
            findings.add(IndexCodes.OFFSET_INDEX_ZERO_SLACK, (long) entries * ENTRY_SIZE, (long) (slots - entries) * ENTRY_SIZE,
                    (slots - entries) + " zero entries after " + entries + " real ones",
                    Evidence.of(slots + " slots", entries + " slots"));
        }
        for (int i = 1; i < entries; i++) {
            if (view.relativeOffset(i) <= view.relativeOffset(i - 1) || view.position(i) <= view.position(i - 1)) {
                findings.add(IndexCodes.OFFSET_INDEX_NOT_INCREASING, (long) i * ENTRY_SIZE, ENTRY_SIZE,
                        "entry " + i + " (" + view.relativeOffset(i) + ", " + view.position(i) + ") does not follow entry "
                                + (i - 1) + " (" + view.relativeOffset(i - 1) + ", " + view.position(i - 1) + ")",
                        Evidence.of(view.relativeOffset(i) + "@" + view.position(i),
                                "> " + view.relativeOffset(i - 1) + "@" + view.position(i - 1)));
            }
        }
        return Parsed.of(view, findings.list());
    }

    /** Maps the file read-only and parses it. */
    public static Parsed<OffsetIndexView> parse(Path path, String file, long baseOffset, boolean activeSegment) throws IOException {
        return parse(file, IndexSlack.map(path), baseOffset, activeSegment);
    }

    public String file() {
        return file;
    }

    public long baseOffset() {
        return baseOffset;
    }

    /** Real entries: before the zero slack. */
    public int entries() {
        return entries;
    }

    /** Whole 8-byte slots in the file, slack included (Kafka's entry count when it loads the file). */
    public int slots() {
        return slots;
    }

    /** Byte range [slackStart, slackEnd) of the zero slack (empty when there is none). */
    public long slackStart() {
        return (long) entries * ENTRY_SIZE;
    }

    public long slackEnd() {
        return (long) slots * ENTRY_SIZE;
    }

    public int relativeOffset(int i) {
        return bytes.getInt(i * ENTRY_SIZE + RELATIVE_OFFSET);
    }

    public int position(int i) {
        return bytes.getInt(i * ENTRY_SIZE + POSITION);
    }

    public long offset(int i) {
        return baseOffset + relativeOffset(i);
    }
}
