package dev.kfsck.core.analysis;

import dev.kfsck.core.format.segment.BatchHeader;
import dev.kfsck.core.format.segment.BatchListener;
import dev.kfsck.core.format.segment.OffsetIndexView;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentScan;
import dev.kfsck.core.format.segment.SegmentScanner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The log end Kafka 4.3 computes for a segment it does not recover (the active segment after a clean shutdown), which
 * it reads through the segment's offset index as it is ({@code LogSegment.readNextOffset}):
 * <ol>
 *   <li>the index holds {@code length / 8} entries (Kafka's position in the mapped file); its "last offset" is the base
 *       plus the last entry's relative offset, or the base when there is no entry;</li>
 *   <li>it looks that offset up in the index with its binary search over the warm (last 8 KiB) or cold section, taking
 *       the largest entry whose offset is at most the target, or byte 0 when none is;</li>
 *   <li>from that byte (0 when negative) it looks for the first batch whose last offset reaches the target; none
 *       (also when the byte lies in the last 17 bytes of the log or past it) leaves the segment's base offset as the
 *       end; otherwise the end is the next offset of the last batch from there on.</li>
 * </ol>
 * A garbage index thus makes Kafka serve a wrong log end without a warning (fact sheet §7.3).
 */
final class IndexedLogEnd {

    /** Entries in Kafka's warm section of an offset index: 8192 bytes of 8-byte entries. */
    private static final int WARM_ENTRIES = 8192 / OffsetIndexView.ENTRY_SIZE;
    /** Bytes of a batch header up to its magic byte: nearer the end than this, Kafka reads no batch. */
    private static final int HEADER_UP_TO_MAGIC = 17;

    private IndexedLogEnd() {
    }

    /**
     * Kafka's log end for this segment read through its index, or null when it cannot be told: the lookup lands
     * inside the log but not on a batch start (Kafka would parse whatever lies there), or the log itself is damaged.
     */
    static Long readNextOffset(Path log, Path index, long base) throws IOException {
        OffsetIndexView v = OffsetIndexView.parse(index, "", base, false).model();
        int entries = v.slots();
        long target = entries == 0 ? base : offsetAt(v, entries - 1);
        int slot = largestLowerBound(v, entries, target);
        long position = slot < 0 ? 0 : Math.max(v.position(slot), 0);
        if (position + HEADER_UP_TO_MAGIC >= Files.size(log)) return base;
        FromPosition from = new FromPosition(position, target);
        SegmentScan scan = SegmentScanner.scan(log, "", ScanOptions.full().withListener(from));
        if (!scan.holes().isEmpty() || scan.validBytes() < scan.size() || !from.startsOnBatch) return null;
        return from.found ? from.lastAfter + 1 : base;
    }

    private static long offsetAt(OffsetIndexView v, int i) {
        return v.baseOffset() + v.relativeOffset(i);
    }

    /** Kafka's {@code indexSlotRangeFor} with LARGEST_LOWER_BOUND over the offsets: a slot, or -1. */
    static int largestLowerBound(OffsetIndexView v, int entries, long target) {
        if (entries == 0) return -1;
        int firstHot = Math.max(0, entries - 1 - WARM_ENTRIES);
        if (offsetAt(v, firstHot) < target) return binarySearch(v, target, firstHot, entries - 1);
        if (offsetAt(v, 0) > target) return -1;
        return binarySearch(v, target, 0, firstHot);
    }

    private static int binarySearch(OffsetIndexView v, long target, int begin, int end) {
        int lo = begin;
        int hi = end;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            long found = offsetAt(v, mid);
            if (found > target) hi = mid - 1;
            else if (found < target) lo = mid;
            else return mid;
        }
        return lo;
    }

    /** Follows the batches from a byte position: whether one starts there, and the last one's last offset. */
    private static final class FromPosition implements BatchListener {
        private final long position;
        private final long target;
        boolean startsOnBatch;
        boolean found;
        long lastAfter;

        FromPosition(long position, long target) {
            this.position = position;
            this.target = target;
        }

        @Override
        public void onBatch(BatchHeader b) {
            if (b.filePosition() == position) startsOnBatch = true;
            if (!startsOnBatch) return;
            if (b.lastOffset() >= target) found = true;
            if (found) lastAfter = b.lastOffset();
        }
    }
}
