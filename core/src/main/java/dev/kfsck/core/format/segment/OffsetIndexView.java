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
public final class OffsetIndexView extends SlottedIndexView {

    public static final int ENTRY_SIZE = 8;
    public static final int RELATIVE_OFFSET = 0;
    public static final int POSITION = 4;

    private OffsetIndexView(String file, ByteBuffer bytes, long baseOffset) {
        super(file, bytes, baseOffset, ENTRY_SIZE);
    }

    /**
     * Parses an offset index. {@code activeSegment}: the index belongs to the segment being written, where zero slack
     * after the entries is normal after an unclean stop (no finding); otherwise slack is reported.
     */
    public static Parsed<OffsetIndexView> parse(String file, ByteBuffer bytes, long baseOffset, boolean activeSegment) {
        CappedFindings findings = new CappedFindings(file, 100, IndexCodes.MORE_FINDINGS);
        OffsetIndexView view = new OffsetIndexView(file, readOnly(bytes), baseOffset);
        view.checkSlots(findings, IndexCodes.OFFSET_INDEX_LENGTH, IndexCodes.OFFSET_INDEX_ZERO_SLACK, "index", activeSegment);
        int entries = view.entries();
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

    @Override
    public int relativeOffset(int i) {
        return bytes.getInt(i * ENTRY_SIZE + RELATIVE_OFFSET);
    }

    public int position(int i) {
        return bytes.getInt(i * ENTRY_SIZE + POSITION);
    }
}
