package dev.kfsck.core.format.quorum;

import org.apache.kafka.raft.ElectionState;
import org.apache.kafka.raft.FileQuorumStateStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads bytes with Kafka's own FileQuorumStateStore, from a temp copy. */
final class KafkaQuorumReader {

    /** Kafka's result: the state, or the exception it threw. */
    record Outcome(ElectionState state, Throwable failure) {
        boolean failed() {
            return failure != null;
        }
    }

    private KafkaQuorumReader() {
    }

    static Outcome read(byte[] bytes) {
        try {
            Path dir = Files.createTempDirectory("kfsck-qs");
            Path file = dir.resolve("quorum-state");
            try {
                Files.write(file, bytes);
                Optional<ElectionState> s = new FileQuorumStateStore(file.toFile()).readElectionState();
                return new Outcome(s.orElseThrow(), null);
            } catch (Throwable t) {
                return new Outcome(null, t);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
