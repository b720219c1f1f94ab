package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Location;
import dev.kfsck.core.format.checkpoint.CheckpointKind;
import dev.kfsck.core.format.checkpoint.KafkaReadOutcome;
import dev.kfsck.core.format.checkpoint.OffsetCheckpoint;
import dev.kfsck.core.format.checkpoint.OffsetEntry;
import dev.kfsck.core.io.BoundedRead;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The four root offset checkpoints of a log dir as Kafka would use them: by {@code topic-partition}, the last entry
 * winning, and empty when Kafka cannot read the file (it then falls back to its defaults). Safe to share between
 * threads.
 */
final class RootOffsets {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Map<CheckpointKind, OffsetCheckpoint> files;
    private final Path dir;
    private final Map<CheckpointKind, Map<String, Long>> offsets = new EnumMap<>(CheckpointKind.class);
    /** Bytes of the files read again to place findings on an entry's line, by kind; filled on first use. */
    private final Map<CheckpointKind, byte[]> bytes = new EnumMap<>(CheckpointKind.class);

    /** {@code files}: the parsed checkpoints that exist, by kind; {@code dir}: the log dir they are in. */
    RootOffsets(Map<CheckpointKind, OffsetCheckpoint> files, Path dir) {
        this.files = files.isEmpty() ? Map.of() : new EnumMap<>(files);
        this.dir = dir;
        for (CheckpointKind kind : CheckpointKind.values()) {
            OffsetCheckpoint c = this.files.get(kind);
            Map<String, Long> m = new LinkedHashMap<>();
            if (c != null && c.kafkaRead() == KafkaReadOutcome.READS) {
                for (OffsetEntry e : c.entries()) m.put(e.topic() + "-" + e.partition(), e.offset());
            }
            offsets.put(kind, java.util.Collections.unmodifiableMap(m));
        }
    }

    /** Kafka's view of one checkpoint: its entries when it reads the file, else none. */
    Map<String, Long> offsets(CheckpointKind kind) {
        return offsets.get(kind);
    }

    /** True when the file exists and Kafka reads it: only then are missing entries meaningful. */
    boolean readable(CheckpointKind kind) {
        OffsetCheckpoint c = files.get(kind);
        return c != null && c.kafkaRead() == KafkaReadOutcome.READS;
    }

    /** The line of the last entry for a partition (the one Kafka keeps), or the whole file when not found. */
    Location entryLine(CheckpointKind kind, String topicPartition) {
        byte[] b = bytes(kind);
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

    private synchronized byte[] bytes(CheckpointKind kind) {
        return bytes.computeIfAbsent(kind, k -> {
            if (!files.containsKey(k)) return new byte[0];
            try {
                return BoundedRead.read(dir.resolve(k.fileName()), PartitionInputs.CHECKPOINT_LIMIT).bytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }
}
