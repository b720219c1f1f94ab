package dev.kfsck.core.format.metadata;

import java.util.Comparator;
import java.util.Locale;

/**
 * The id of a KRaft snapshot: the exclusive end offset and the epoch of the last contained record, as in its file
 * name {@code <endOffset:20 digits>-<epoch:10 digits>.checkpoint}.
 *
 * @param endOffset the first offset not in the snapshot (the last contained offset is {@code endOffset - 1})
 * @param epoch     the epoch of the last contained record
 */
public record SnapshotId(long endOffset, int epoch) implements Comparable<SnapshotId> {

    /** Kafka's order ({@code OffsetAndEpoch.compareTo}): epoch first, then offset. The maximum is "the latest". */
    public static final Comparator<SnapshotId> KAFKA_ORDER =
            Comparator.comparingInt(SnapshotId::epoch).thenComparingLong(SnapshotId::endOffset);

    @Override
    public int compareTo(SnapshotId o) {
        return KAFKA_ORDER.compare(this, o);
    }

    /** The file name Kafka gives this snapshot. */
    public String fileName() {
        return String.format(Locale.ROOT, "%020d-%010d.checkpoint", endOffset, epoch);
    }

    @Override
    public String toString() {
        return endOffset + "-" + epoch;
    }
}
