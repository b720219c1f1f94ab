package dev.kfsck.core.format.metadata;

/** A topic of the metadata image: its name and its id (base64 Kafka Uuid, as in {@code partition.metadata}). */
public record TopicEntry(String name, String id) {
}
