package dev.kfsck.core.format.segment;

/**
 * A damaged byte range of a segment, and what a repair can keep after it.
 *
 * @param start           first damaged byte (where recovery truncates, for the first hole)
 * @param end             first byte of the next valid batch, or the file size when none follows
 * @param reason          why the batch at {@code start} was rejected
 * @param allZero         true when every byte of the range is zero
 * @param nextOffsetBefore the next offset after the last valid batch before the hole (the LEO recovery leaves),
 *                        or the file's base offset when none precedes
 * @param batchesAfter    valid batches between this hole and the next one (or the end of the file)
 * @param firstOffsetAfter base offset of the first of them, or -1
 * @param lastOffsetAfter last offset of the last of them, or -1
 * @param runEnd          byte position after the last of them, or {@code end} when there are none
 */
public record Hole(long start, long end, HoleReason reason, boolean allZero, long nextOffsetBefore,
                   long batchesAfter, long firstOffsetAfter, long lastOffsetAfter, long runEnd) {

    public long length() {
        return end - start;
    }

    /** True when the damage runs to the end of the file (a tail: nothing to salvage after it). */
    public boolean isTail(long fileSize) {
        return end >= fileSize;
    }
}
