package dev.kfsck.cli;

import dev.kfsck.testdata.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Log dirs for command tests, made from the log dir a real Kafka 4.3.1 broker wrote (fixture {@value #SCENARIO}),
 * with one deliberate change each.
 */
final class LogDirs {

    static final String SCENARIO = "single-4.3-kill";

    private LogDirs() {
    }

    /** A working copy of the real broker's log dir at {@code dir}: Kafka would start on it. */
    static Path healthy(Path dir) throws IOException {
        Path scratch = Files.createTempDirectory(dir.toAbsolutePath().getParent(), "fixture-");
        Fixtures.copy(SCENARIO, scratch);
        Files.move(scratch.resolve(Fixtures.manifest(SCENARIO).firstNode().logDir()), dir);
        return dir;
    }

    /** The node id of {@link #healthy} dirs. */
    static int nodeId() {
        return Fixtures.manifest(SCENARIO).firstNode().nodeId();
    }

    /** A healthy dir plus a folder Kafka cannot parse as a partition: fatal at startup. */
    static Path withStrayFolder(Path dir) throws IOException {
        healthy(dir);
        Files.createDirectories(dir.resolve("lost+found"));
        return dir;
    }

    /** A healthy dir plus the .swap leftover of an unfinished compaction: a warning, Kafka completes the swap. */
    static Path withWarningOnly(Path dir) throws IOException {
        healthy(dir);
        Files.write(dir.resolve("orders-0").resolve("00000000000000000202.log.swap"), new byte[0]);
        return dir;
    }

    /**
     * The incident of 2025-11-01: a healthy dir whose quorum-state and replication-offset-checkpoint were replaced by
     * null bytes. Kafka exits at startup; both files can be rebuilt from evidence on disk.
     */
    static Path withNullFiles(Path dir) throws IOException {
        healthy(dir);
        Files.write(dir.resolve("__cluster_metadata-0").resolve("quorum-state"), new byte[125]);
        Files.write(dir.resolve("replication-offset-checkpoint"), new byte[50]);
        return dir;
    }

    /**
     * A healthy dir whose meta.properties is null-filled: a single dir of a single node holds no other evidence of
     * its node id and directory id, so no value can safely be written.
     */
    static Path withUnguessableMetaProperties(Path dir) throws IOException {
        healthy(dir);
        Path meta = dir.resolve("meta.properties");
        Files.write(meta, new byte[(int) Files.size(meta)]);
        return dir;
    }
}
