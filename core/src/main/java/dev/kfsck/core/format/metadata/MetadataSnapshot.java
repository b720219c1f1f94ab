package dev.kfsck.core.format.metadata;

import org.apache.kafka.image.MetadataImage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A decoded {@code __cluster_metadata} snapshot ({@code <end>-<epoch>.checkpoint}) or {@code bootstrap.checkpoint}.
 *
 * @param file                      path relative to the log dir
 * @param id                        the id read from the file name (empty for {@code bootstrap.checkpoint} or a bad name)
 * @param bootstrap                 whether this is a {@code bootstrap.checkpoint}
 * @param sizeInBytes               file size
 * @param validBytes                bytes up to the end of the last good batch before any damage
 * @param batches                   every batch found
 * @param headerFirst               the first batch is a control batch whose first record is a SnapshotHeaderRecord
 * @param footerLast                the last batch is a control batch whose last record is a SnapshotFooterRecord
 * @param lastContainedLogTimestamp from the header
 * @param recordCounts              data records by {@code MetadataRecordType} name (such as {@code TOPIC_RECORD})
 * @param controlRecordCounts       control records by {@code ControlRecordType} name (such as {@code SNAPSHOT_HEADER})
 * @param kraftVersion              from a KRaftVersionRecord, when present
 * @param voters                    from a VotersRecord (empty when absent)
 * @param content                   the metadata the snapshot holds
 * @param image                     Kafka's own image of it (immutable), or null when Kafka's image code refused the
 *                                  records; used to continue with the metadata log
 * @param intact                    no error was found: Kafka would load it as it is
 */
public record MetadataSnapshot(String file, Optional<SnapshotId> id, boolean bootstrap, long sizeInBytes,
                               long validBytes, List<BatchInfo> batches, boolean headerFirst, boolean footerLast,
                               OptionalLong lastContainedLogTimestamp, Map<String, Integer> recordCounts,
                               Map<String, Integer> controlRecordCounts, OptionalInt kraftVersion, List<Voter> voters,
                               ClusterMetadata content, MetadataImage image, boolean intact) {

    public MetadataSnapshot {
        batches = List.copyOf(batches);
        recordCounts = Map.copyOf(recordCounts);
        controlRecordCounts = Map.copyOf(controlRecordCounts);
        voters = List.copyOf(voters);
    }

    /** Data records in all. */
    public int dataRecords() {
        return recordCounts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
