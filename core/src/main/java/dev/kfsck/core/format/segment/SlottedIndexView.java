package dev.kfsck.core.format.segment;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.FindingCode;

import java.nio.ByteBuffer;

/**
 * What the offset and time indexes share: fixed-size entries read in place from a read-only buffer, the real entries
 * first, then (in an active segment's index after an unclean stop) zero slack up to the preallocated size.
 */
public abstract class SlottedIndexView {

    private final String file;
    final ByteBuffer bytes;
    private final long baseOffset;
    private final int entrySize;
    private final int entries;
    private final int slots;

    SlottedIndexView(String file, ByteBuffer bytes, long baseOffset, int entrySize) {
        this.file = file;
        this.bytes = bytes;
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        this.slots = bytes.capacity() / entrySize;
        this.entries = IndexSlack.realEntries(bytes, slots, entrySize);
    }

    /** A read-only view of {@code bytes} from its position to its limit. */
    static ByteBuffer readOnly(ByteBuffer bytes) {
        return bytes.slice().asReadOnlyBuffer();
    }

    /** The findings every slotted index has: a length that is not a whole number of entries, and unexpected slack. */
    void checkSlots(CappedFindings findings, FindingCode badLength, FindingCode slack, String kind, boolean activeSegment) {
        int length = bytes.capacity();
        if (length % entrySize != 0) {
            findings.add(badLength, length - length % entrySize, length % entrySize,
                    kind + " is " + length + " bytes, not a multiple of " + entrySize, Evidence.of(length, "a multiple of " + entrySize));
        }
        if (entries < slots && !activeSegment) {
            findings.add(slack, slackStart(), slackEnd() - slackStart(),
                    (slots - entries) + " zero entries after " + entries + " real ones",
                    Evidence.of(slots + " slots", entries + " slots"));
        }
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

    /** Whole entry slots in the file, slack included (Kafka's entry count when it loads the file). */
    public int slots() {
        return slots;
    }

    /** Byte range [slackStart, slackEnd) of the zero slack (empty when there is none). */
    public long slackStart() {
        return (long) entries * entrySize;
    }

    public long slackEnd() {
        return (long) slots * entrySize;
    }

    /** The relative offset of entry {@code i}. */
    public abstract int relativeOffset(int i);

    public long offset(int i) {
        return baseOffset + relativeOffset(i);
    }
}
