package dev.kfsck.core.format.metadata;

import org.apache.kafka.metadata.bootstrap.BootstrapDirectory;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.KRaftVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.kfsck.core.format.metadata.KafkaLogBatches.*;
import static dev.kfsck.core.format.metadata.KafkaMetadataFiles.*;
import static org.junit.jupiter.api.Assertions.*;

/** Reading is forensic: every byte, size, time stamp and mode stays as it was, and nothing is created. */
class EvidenceUntouchedTest {

    @TempDir
    Path logDir;

    @Test
    void parsingAndBuildingTheImageChangeNothing() throws Exception {
        Path dir = Files.createDirectories(logDir.resolve("__cluster_metadata-0"));
        new BootstrapDirectory(logDir.toString()).writeBinaryFile(BootstrapMetadata.fromVersion(MV, "test"));
        writeSnapshot(dir, 14, 1, KRaftVersion.KRAFT_VERSION_1, Optional.of(voters(3)), List.of(cluster(2)));
        Path damaged = writeSnapshot(dir, 16, 1, KRaftVersion.KRAFT_VERSION_0, Optional.empty(), List.of(cluster(3)));
        byte[] b = Files.readAllBytes(damaged);
        b[b.length / 2] ^= 0x55;
        damaged.toFile().setWritable(true);
        Files.write(damaged, b);
        damaged.toFile().setReadOnly();
        Files.write(dir.resolve("00000000000000000000.log"), concat(leaderChange(0, 1, 1), data(1, 1, cluster(2)),
                new byte[100]));
        Files.write(dir.resolve("00000000000000000000.index"), new byte[0]);
        Files.write(dir.resolve("x.checkpoint"), new byte[] {1, 2, 3});

        Map<String, String> before = state(logDir);
        MetadataImageBuilder.build(dir, "__cluster_metadata-0");
        MetadataSnapshotFile.read("bootstrap.checkpoint", logDir.resolve("bootstrap.checkpoint"));
        MetadataSnapshotFile.read("__cluster_metadata-0/x.checkpoint", dir.resolve("x.checkpoint"));
        MetadataLogReader.read(dir, "__cluster_metadata-0");
        System.gc(); // unmapping must not write either
        assertEquals(before, state(logDir));
    }

    /** Every path under the dir with its size, modification time, mode and SHA-256. */
    static Map<String, String> state(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                String key = root.relativize(p).toString();
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                String mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toString();
                if (Files.isDirectory(p)) {
                    out.put(key, "dir " + mode + " " + mtime);
                } else {
                    byte[] bytes = Files.readAllBytes(p);
                    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                    out.put(key, bytes.length + " " + mode + " " + mtime + " " + sha);
                }
            }
        }
        return out;
    }
}
