package dev.kfsck.core.format.metadata;

import org.apache.kafka.server.common.ApiMessageAndVersion;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content of the {@code __cluster_metadata-0} log segments, decoded up to the first damaged batch (where Kafka's
 * recovery would cut the log).
 *
 * @param segments            the segment files read, in offset order (relative to the log dir)
 * @param unreadSegments      segments after the stop point; recovery deletes them
 * @param firstOffset         base offset of the first batch, or -1 when there is none
 * @param nextOffset          the offset after the last good batch (the log end offset after recovery), or -1
 * @param lastEpoch           partitionLeaderEpoch of the last good batch, or -1
 * @param epochStarts         each change of partitionLeaderEpoch and the offset where it starts (compare with
 *                            {@code leader-epoch-checkpoint})
 * @param leaderChanges       LeaderChange control records
 * @param kraftVersionHistory KRaftVersion control records
 * @param voterHistory        Voters control records
 * @param records             the decoded data records, in offset order
 * @param recordCounts        data records by {@code MetadataRecordType} name
 * @param stoppedAt           where decoding stopped early, if it did
 */
public record MetadataLog(List<String> segments, List<String> unreadSegments, long firstOffset, long nextOffset,
                          int lastEpoch, List<EpochStart> epochStarts, List<LeaderChange> leaderChanges,
                          List<KRaftVersionChange> kraftVersionHistory, List<VotersChange> voterHistory,
                          List<LogRecord> records, Map<String, Integer> recordCounts, Optional<StopPoint> stoppedAt) {

    public MetadataLog {
        segments = List.copyOf(segments);
        unreadSegments = List.copyOf(unreadSegments);
        epochStarts = List.copyOf(epochStarts);
        leaderChanges = List.copyOf(leaderChanges);
        kraftVersionHistory = List.copyOf(kraftVersionHistory);
        voterHistory = List.copyOf(voterHistory);
        records = List.copyOf(records);
        recordCounts = Map.copyOf(recordCounts);
    }

    /** A partitionLeaderEpoch and the first offset written in it. */
    public record EpochStart(int epoch, long startOffset) {
    }

    /** A LeaderChange control record. */
    public record LeaderChange(long offset, int epoch, int leaderId, List<Integer> voters) {
        public LeaderChange {
            voters = List.copyOf(voters);
        }
    }

    /** A KRaftVersion control record. */
    public record KRaftVersionChange(long offset, int kraftVersion) {
    }

    /** A Voters control record. */
    public record VotersChange(long offset, List<Voter> voters) {
        public VotersChange {
            voters = List.copyOf(voters);
        }
    }

    /**
     * A decoded metadata record and where it lies. The Kafka message is mutable: do not change it.
     *
     * @param position byte position of its batch in {@code file}
     */
    public record LogRecord(long offset, int epoch, String file, long position, ApiMessageAndVersion record) {
    }

    /** Where and why decoding stopped before the end of the log. */
    public record StopPoint(String file, long position, String reason) {
    }
}
