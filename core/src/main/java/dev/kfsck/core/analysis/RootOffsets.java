package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Location;
import dev.kfsck.core.format.checkpoint.CheckpointKind;
import dev.kfsck.core.format.checkpoint.KafkaReadOutcome;
import dev.kfsck.core.format.checkpoint.OffsetCheckpoint;
import dev.kfsck.core.format.checkpoint.OffsetEntry;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The four root offset checkpoints of a log dir as Kafka would use them: by {@code topic-partition}, the last entry
 * winning, and empty when Kafka cannot read the file (it then falls back to its defaults). A file that is absent is
 * absent from {@link #files()}.
 *
 * @param files the parsed checkpoints that exist, by kind
 * @param bytes their bytes, to place findings on an entry's line
 */
record RootOffsets(Map<CheckpointKind, OffsetCheckpoint> files, Map<CheckpointKind, byte[]> bytes) {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    RootOffsets {
        files = Collections.unmodifiableMap(files.isEmpty() ? new EnumMap<>(CheckpointKind.class) : new EnumMap<>(files));
        bytes = Collections.unmodifiableMap(bytes.isEmpty() ? new EnumMap<>(CheckpointKind.class) : new EnumMap<>(bytes));
    }

    /** Kafka's view of one checkpoint: its entries when it reads the file, else none. */
    Map<String, Long> offsets(CheckpointKind kind) {
        OffsetCheckpoint c = files.get(kind);
        if (c == null || c.kafkaRead() != KafkaReadOutcome.READS) return Map.of();
        Map<String, Long> m = new LinkedHashMap<>();
        for (OffsetEntry e : c.entries()) m.put(e.topic() + "-" + e.partition(), e.offset());
        return m;
    }

    /** True when the file exists and Kafka reads it: only then are missing entries meaningful. */
    boolean readable(CheckpointKind kind) {
        OffsetCheckpoint c = files.get(kind);
        return c != null && c.kafkaRead() == KafkaReadOutcome.READS;
    }

    /** The line of the last entry for a partition (the one Kafka keeps), or the whole file when not found. */
    Location entryLine(CheckpointKind kind, String topicPartition) {
        byte[] b = bytes.get(kind);
        if (b == null) return Location.file(kind.fileName());
        Location found = Location.file(kind.fileName());
        int start = 0;
        int line = 0;
        for (int p = 0; p <= b.length; p++) {
            if (p < b.length && b[p] != '\n' && b[p] != '\r') continue;
            if (line >= 2 && p > start) {
                String[] f = WHITESPACE.split(new String(b, start, p - start, StandardCharsets.UTF_8));
                if (f.length == 3 && (f[0] + "-" + f[1]).equals(topicPartition)) found = Location.at(kind.fileName(), start, p - start);
            }
            if (p < b.length && b[p] == '\r' && p + 1 < b.length && b[p + 1] == '\n') p++;
            line++;
            start = p + 1;
        }
        return found;
    }
}
