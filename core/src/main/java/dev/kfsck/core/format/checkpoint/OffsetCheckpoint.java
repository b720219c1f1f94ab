package dev.kfsck.core.format.checkpoint;

import java.util.List;
import java.util.OptionalInt;

/**
 * An offset checkpoint as read.
 *
 * @param kind          which file
 * @param declaredCount the count line, when it is an int
 * @param entries       the entry lines that parse, in file order (what Kafka reads when {@code kafkaRead} is READS)
 * @param kafkaRead     what Kafka's reader does with the file
 */
public record OffsetCheckpoint(CheckpointKind kind, OptionalInt declaredCount, List<OffsetEntry> entries,
                               KafkaReadOutcome kafkaRead) {
    public OffsetCheckpoint {
        entries = List.copyOf(entries);
    }
}
