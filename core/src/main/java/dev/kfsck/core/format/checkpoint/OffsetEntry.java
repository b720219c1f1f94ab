package dev.kfsck.core.format.checkpoint;

/** One line of an offset checkpoint: {@code topic partition offset}. */
public record OffsetEntry(String topic, int partition, long offset) {
}
