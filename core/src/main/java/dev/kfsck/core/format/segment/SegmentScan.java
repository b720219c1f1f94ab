package dev.kfsck.core.format.segment;

import dev.kfsck.core.finding.Finding;

import java.util.List;

/**
 * What a scan of one {@code .log} file found. Immutable. Offsets and sizes of the "prefix" are what Kafka keeps after
 * recovery: the batches before the first damage. Summaries (epochs, timestamps, producers, flags) cover every valid
 * batch, those after damage included; compare their offsets with {@link #nextOffset()} to keep only the prefix.
 *
 * @param file              path relative to the log dir
 * @param size              file size in bytes
 * @param fileBaseOffset    base offset from the file name, or -1 when the name does not hold one
 * @param mode              what was checked
 * @param batchCount        valid batches in the prefix
 * @param firstOffset       base offset of the first batch of the prefix, or -1
 * @param lastOffset        last offset of the last batch of the prefix, or -1
 * @param nextOffset        the next offset after the prefix (the segment's contribution to the log end offset);
 *                          the file's base offset when the prefix is empty
 * @param validBytes        byte position after the last batch of the prefix: where recovery truncates
 * @param totalBatchCount   valid batches anywhere in the file (prefix and after damage)
 * @param holes             damaged ranges, in file order
 * @param epochs            (epoch, first offset) at each rise of the partition leader epoch
 * @param maxTimestamp      largest batch max timestamp, or -1
 * @param maxTimestampOffset last offset of the batch holding it, or -1
 * @param hasControlBatches whether any batch is a control batch
 * @param hasTransactionalBatches whether any batch is transactional
 * @param producerIdCount   distinct producer ids ≥ 0 seen (counting stops at 65536; see {@code producerIdsSaturated})
 * @param producerIdsSaturated true when there were more distinct producer ids than counted
 * @param legacyBatchCount  valid v0/v1 messages
 * @param batchIndex        every valid batch's position and last offset, when asked for; else null
 * @param issues            the findings with the offsets they concern
 */
public record SegmentScan(String file, long size, long fileBaseOffset, ScanMode mode,
                          long batchCount, long firstOffset, long lastOffset, long nextOffset, long validBytes,
                          long totalBatchCount, List<Hole> holes, EpochTransitions epochs,
                          long maxTimestamp, long maxTimestampOffset,
                          boolean hasControlBatches, boolean hasTransactionalBatches,
                          int producerIdCount, boolean producerIdsSaturated, long legacyBatchCount,
                          BatchIndex batchIndex, List<SegmentIssue> issues) {

    public SegmentScan {
        holes = List.copyOf(holes);
        issues = List.copyOf(issues);
    }

    /** The findings alone. */
    public List<Finding> findings() {
        return issues.stream().map(SegmentIssue::finding).toList();
    }

    /** True when the whole file is valid batches. */
    public boolean isClean() {
        return holes.isEmpty() && validBytes == size;
    }

    /** Bytes recovery would cut: everything after the prefix. */
    public long bytesAfterPrefix() {
        return size - validBytes;
    }
}
