package dev.kfsck.core.format.properties;

import org.apache.kafka.common.Uuid;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The content of a log dir's {@code meta.properties}, as Kafka's {@code MetaProperties} holds it.
 *
 * @param version     0 (legacy) or 1 (KRaft, written by {@code kafka-storage format})
 * @param nodeId      {@code node.id} for v1, {@code broker.id} for v0
 * @param clusterId   {@code cluster.id}
 * @param directoryId {@code directory.id}
 */
public record MetaPropertiesFile(int version, OptionalInt nodeId, Optional<String> clusterId, Optional<Uuid> directoryId) {

    /** A v1 file as {@code kafka-storage format} writes it. */
    public static MetaPropertiesFile v1(int nodeId, String clusterId, Uuid directoryId) {
        return new MetaPropertiesFile(1, OptionalInt.of(nodeId), Optional.of(clusterId), Optional.ofNullable(directoryId));
    }
}
