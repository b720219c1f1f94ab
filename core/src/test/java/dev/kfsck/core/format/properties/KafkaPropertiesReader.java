package dev.kfsck.core.format.properties;

import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.metadata.properties.MetaProperties;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.storage.internals.checkpoint.PartitionMetadataFile;
import org.apache.kafka.storage.internals.log.LogDirFailureChannel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads bytes with Kafka's own classes, from temp copies. */
final class KafkaPropertiesReader {

    record Outcome<T>(T value, Throwable failure, boolean dirOffline) {
        boolean failed() {
            return failure != null;
        }
    }

    private KafkaPropertiesReader() {
    }

    /**
     * meta.properties as a single-dir KRaft node loads it: MetaPropertiesEnsemble load and verify, then the two checks
     * of KafkaRaftServer.initializeLogDirs (node id and cluster id present).
     */
    static Outcome<MetaProperties> meta(byte[] bytes) {
        Path dir = tempDir();
        try {
            Files.write(dir.resolve("meta.properties"), bytes);
            MetaPropertiesEnsemble ensemble = new MetaPropertiesEnsemble.Loader().addLogDirs(List.of(dir.toString())).load();
            ensemble.verify(Optional.empty(), OptionalInt.empty(),
                    EnumSet.of(MetaPropertiesEnsemble.VerificationFlag.REQUIRE_AT_LEAST_ONE_VALID));
            MetaProperties m = ensemble.logDirProps().get(dir.toString());
            if (m.nodeId().isEmpty()) throw new RuntimeException("Error: node ID not found in " + dir);
            if (m.clusterId().isEmpty()) throw new RuntimeException("Error: cluster ID not found in " + dir);
            return new Outcome<>(m, null, false);
        } catch (Throwable t) {
            return new Outcome<>(null, t, false);
        } finally {
            delete(dir);
        }
    }

    static Outcome<org.apache.kafka.storage.internals.checkpoint.PartitionMetadata> partitionMetadata(byte[] bytes) {
        Path dir = tempDir();
        try {
            Path part = Files.createDirectories(dir.resolve("orders-0"));
            Files.write(part.resolve("partition.metadata"), bytes);
            LogDirFailureChannel channel = new LogDirFailureChannel(2);
            try {
                return new Outcome<>(new PartitionMetadataFile(part.resolve("partition.metadata").toFile(), channel).read(),
                        null, false);
            } catch (KafkaStorageException e) {
                return new Outcome<>(null, e, channel.hasOfflineLogDir(dir.toString()));
            } catch (RuntimeException e) {
                return new Outcome<>(null, e, channel.hasOfflineLogDir(dir.toString()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            delete(dir);
        }
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("kfsck-props");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void delete(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp files only
        }
    }
}
