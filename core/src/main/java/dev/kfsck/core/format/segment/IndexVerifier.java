package dev.kfsck.core.format.segment;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;

import java.util.List;

/**
 * Checks index entries against the batches of their segment (rule R18): each offset-index entry must point at the
 * start of a batch whose last offset is the entry's offset; each time-index entry's offset must be some batch's last
 * offset; nothing may point past the segment. Works entry by entry on the views and a {@link BatchIndex}, allocating
 * nothing per entry.
 */
public final class IndexVerifier {

    private IndexVerifier() {
    }

    /** Verifies an offset index against a scan made with {@link ScanOptions#withBatchIndex(boolean) a batch index}. */
    public static List<Finding> verify(OffsetIndexView index, SegmentScan scan) {
        return verify(index, requireBatches(scan));
    }

    public static List<Finding> verify(TimeIndexView index, SegmentScan scan) {
        return verify(index, requireBatches(scan));
    }

    public static List<Finding> verify(OffsetIndexView index, BatchIndex batches) {
        CappedFindings findings = new CappedFindings(index.file(), 100, IndexCodes.MORE_FINDINGS);
        long last = batches.lastOffset();
        for (int i = 0; i < index.entries(); i++) {
            int rel = index.relativeOffset(i);
            int pos = index.position(i);
            long at = (long) i * OffsetIndexView.ENTRY_SIZE;
            long offset = index.baseOffset() + rel;
            if (rel < 0 || pos < 0 || pos >= batches.logSize() || offset > last) {
                findings.add(IndexCodes.OFFSET_INDEX_PAST_SEGMENT, at, OffsetIndexView.ENTRY_SIZE, "entry " + i + " (offset "
                        + offset + ", position " + pos + ") lies outside the segment (" + batches.logSize() + " bytes, last offset "
                        + last + ")", Evidence.of(offset + "@" + pos, "<= " + last + "@<" + batches.logSize()));
                continue;
            }
            int b = batches.batchAt(pos);
            if (b < 0) {
                findings.add(IndexCodes.OFFSET_INDEX_NOT_ON_BATCH, at, OffsetIndexView.ENTRY_SIZE, "entry " + i + " points at byte "
                        + pos + ", which is not the start of a batch", Evidence.of(pos, "a batch start"));
            } else if (batches.lastOffset(b) != offset) {
                findings.add(IndexCodes.OFFSET_INDEX_OFFSET_MISMATCH, at, OffsetIndexView.ENTRY_SIZE, "entry " + i + " says offset "
                        + offset + " but the batch at byte " + pos + " ends at offset " + batches.lastOffset(b),
                        Evidence.of(offset, batches.lastOffset(b)));
            }
        }
        return findings.list();
    }

    public static List<Finding> verify(TimeIndexView index, BatchIndex batches) {
        CappedFindings findings = new CappedFindings(index.file(), 100, IndexCodes.MORE_FINDINGS);
        long last = batches.lastOffset();
        for (int i = 0; i < index.entries(); i++) {
            int rel = index.relativeOffset(i);
            long offset = index.baseOffset() + rel;
            long at = (long) i * TimeIndexView.ENTRY_SIZE;
            if (rel < 0 || offset > last) {
                findings.add(IndexCodes.TIME_INDEX_PAST_SEGMENT, at, TimeIndexView.ENTRY_SIZE, "entry " + i + " offset " + offset
                        + " lies outside the segment (last offset " + last + ")", Evidence.of(offset, "<= " + last));
            } else if (batches.batchEndingAt(offset) < 0) {
                findings.add(IndexCodes.TIME_INDEX_NOT_BATCH_END, at, TimeIndexView.ENTRY_SIZE, "entry " + i + " offset " + offset
                        + " is not the last offset of any batch", Evidence.of(offset, "a batch's last offset"));
            }
        }
        return findings.list();
    }

    private static BatchIndex requireBatches(SegmentScan scan) {
        if (scan.batchIndex() == null) {
            throw new IllegalArgumentException("scan the segment with ScanOptions.withBatchIndex(true) to verify its indexes");
        }
        return scan.batchIndex();
    }
}
