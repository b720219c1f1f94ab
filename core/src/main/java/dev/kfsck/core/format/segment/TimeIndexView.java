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
public final class TimeIndexView extends SlottedIndexView {

    public static final int ENTRY_SIZE = 12;
    public static final int TIMESTAMP = 0;
    public static final int RELATIVE_OFFSET = 8;

    private TimeIndexView(String file, ByteBuffer bytes, long baseOffset) {
        super(file, bytes, baseOffset, ENTRY_SIZE);
    }

    /** Parses a time index; {@code activeSegment} as in {@link OffsetIndexView#parse}. */
    public static Parsed<TimeIndexView> parse(String file, ByteBuffer bytes, long baseOffset, boolean activeSegment) {
        CappedFindings findings = new CappedFindings(file, 100, IndexCodes.MORE_FINDINGS);
        TimeIndexView view = new TimeIndexView(file, readOnly(bytes), baseOffset);
        view.checkSlots(findings, IndexCodes.TIME_INDEX_LENGTH, IndexCodes.TIME_INDEX_ZERO_SLACK, "time index", activeSegment);
        int entries = view.entries();
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

    public long timestamp(int i) {
        return bytes.getLong(i * ENTRY_SIZE + TIMESTAMP);
    }

    @Override
    public int relativeOffset(int i) {
        return bytes.getInt(i * ENTRY_SIZE + RELATIVE_OFFSET);
    }
}
