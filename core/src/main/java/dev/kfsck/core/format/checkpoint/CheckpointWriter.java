package dev.kfsck.core.format.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Writes checkpoints as Kafka's {@code CheckpointFile} does: {@code 0\n<count>\n}, then one entry per line, single
 * spaces, {@code \n} after every line, entries in the order given.
 */
public final class CheckpointWriter {

    private CheckpointWriter() {
    }

    /** An offset checkpoint ({@code topic partition offset} lines). */
    public static byte[] writeOffsets(List<OffsetEntry> entries) {
        return write(entries, e -> e.topic() + " " + e.partition() + " " + e.offset());
    }

    /** A leader-epoch-checkpoint ({@code epoch startOffset} lines). */
    public static byte[] writeEpochs(List<EpochEntry> entries) {
        return write(entries, e -> e.epoch() + " " + e.startOffset());
    }

    private static <T> byte[] write(List<T> entries, Function<T, String> line) {
        StringBuilder sb = new StringBuilder(16 + entries.size() * 24);
        sb.append("0\n").append(entries.size()).append('\n');
        for (T e : entries) sb.append(line.apply(e)).append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
