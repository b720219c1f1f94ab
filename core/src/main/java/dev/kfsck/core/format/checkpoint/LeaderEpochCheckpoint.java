package dev.kfsck.core.format.checkpoint;

import java.util.List;
import java.util.OptionalInt;

/**
 * A leader-epoch-checkpoint as read.
 *
 * @param kind          {@link CheckpointKind#LEADER_EPOCH} or {@link CheckpointKind#METADATA_LEADER_EPOCH}
 * @param declaredCount the count line, when it is an int
 * @param entries       the entry lines that parse, in file order (not normalised as Kafka's cache would)
 * @param kafkaRead     what Kafka's checkpoint reader does with the file (before its cache checks the values)
 */
public record LeaderEpochCheckpoint(CheckpointKind kind, OptionalInt declaredCount, List<EpochEntry> entries,
                                    KafkaReadOutcome kafkaRead) {
    public LeaderEpochCheckpoint {
        entries = List.copyOf(entries);
    }

    /** The latest epoch, as Kafka's cache would have it after load, or -1 when there is none. */
    public int latestEpoch() {
        return entries.stream().mapToInt(EpochEntry::epoch).max().orElse(-1);
    }
}
