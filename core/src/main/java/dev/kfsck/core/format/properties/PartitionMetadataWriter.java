package dev.kfsck.core.format.properties;

import java.nio.charset.StandardCharsets;

/** Writes partition.metadata as Kafka does: {@code version: N\ntopic_id: <uuid>}, UTF-8, no trailing newline. */
public final class PartitionMetadataWriter {

    private PartitionMetadataWriter() {
    }

    public static byte[] write(PartitionMetadata m) {
        return ("version: " + m.version() + "\ntopic_id: " + m.topicId()).getBytes(StandardCharsets.UTF_8);
    }
}
