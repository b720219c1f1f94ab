package dev.kfsck.core.format.checkpoint;

/** One line of a leader-epoch-checkpoint: {@code epoch startOffset}. */
public record EpochEntry(int epoch, long startOffset) {
}
