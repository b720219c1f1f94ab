package dev.kfsck.core.format.checkpoint;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.storage.internals.checkpoint.LeaderEpochCheckpointFile;
import org.apache.kafka.storage.internals.checkpoint.OffsetCheckpointFile;
import org.apache.kafka.storage.internals.log.LogDirFailureChannel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads bytes with Kafka's own checkpoint classes, from a temp copy (their constructors create files). */
final class KafkaCheckpointReader {

    /** What Kafka's reader gave: a value, or how it failed, and whether the log dir was marked offline. */
    record Outcome<T>(T value, KafkaReadOutcome outcome, Throwable failure, boolean dirOffline) {
    }

    private KafkaCheckpointReader() {
    }

    static Outcome<Map<TopicPartition, Long>> offsets(byte[] bytes) {
        return read(bytes, "recovery-point-offset-checkpoint", (f, ch) -> {
            try {
                return new OffsetCheckpointFile(f.toFile(), ch).read();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static Outcome<List<org.apache.kafka.storage.internals.log.EpochEntry>> epochs(byte[] bytes) {
        return read(bytes, "orders-0/leader-epoch-checkpoint", (f, ch) -> {
            try {
                return new LeaderEpochCheckpointFile(f.toFile(), ch).read();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    interface Reader<T> {
        T read(Path file, LogDirFailureChannel channel);
    }

    private static <T> Outcome<T> read(byte[] bytes, String relative, Reader<T> reader) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("kfsck-ckpt");
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            LogDirFailureChannel channel = new LogDirFailureChannel(4);
            String logDir = relative.contains("/") ? file.getParent().getParent().toString() : file.getParent().toString();
            try {
                T value = reader.read(file, channel);
                return new Outcome<>(value, KafkaReadOutcome.READS, null, false);
            } catch (KafkaStorageException e) {
                return new Outcome<>(null, KafkaReadOutcome.FAILS_IO, e, channel.hasOfflineLogDir(logDir));
            } catch (RuntimeException e) {
                return new Outcome<>(null, KafkaReadOutcome.FAILS_OTHER, e, channel.hasOfflineLogDir(logDir));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            if (dir != null) deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp files only
        }
    }

    static <A, B> List<B> map(List<A> in, Function<A, B> f) {
        return in.stream().map(f).toList();
    }
}
