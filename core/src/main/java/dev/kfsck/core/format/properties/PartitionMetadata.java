package dev.kfsck.core.format.properties;

import org.apache.kafka.common.Uuid;

/** The content of a partition's {@code partition.metadata}: a version (Kafka writes 0) and the topic id. */
public record PartitionMetadata(int version, Uuid topicId) {
}
