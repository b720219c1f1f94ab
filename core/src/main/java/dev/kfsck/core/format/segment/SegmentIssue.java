package dev.kfsck.core.format.segment;

import dev.kfsck.core.finding.Finding;

/**
 * A segment finding with the offsets it concerns, so the analysis layer can recompute Kafka's reaction from the
 * recovery point and the clean-shutdown marker (damage below the recovery point is never seen by recovery).
 *
 * @param finding     the finding (its location holds the byte position and length)
 * @param firstOffset the first offset concerned: for damage, the next offset after the last good batch before it
 *                    (the log end offset recovery would leave); for a batch, its base offset
 * @param lastOffset  the last offset concerned (for damage: the last offset of the valid batches after it), or -1
 */
public record SegmentIssue(Finding finding, long firstOffset, long lastOffset) {

    public long bytePosition() {
        return finding.location().offset();
    }
}
