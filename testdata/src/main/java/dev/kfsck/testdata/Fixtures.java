package dev.kfsck.testdata;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kfsck.testdata.broker.ModuleDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * The committed fixtures: real log dirs written by a real Kafka broker, under {@code testdata/fixtures/<scenario>/}.
 * Tests never touch them in place: {@link #copy} makes a working copy with every file at its original length.
 */
public final class Fixtures {

    /** The scenarios that {@code testdata/generate.sh} writes. */
    public static final List<String> SCENARIOS = List.of("single-4.3-kill", "single-4.3-clean", "quorum3-4.3",
            "single-3.9-kill", "dynamic-4.3");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Fixtures() {
    }

    /** {@code testdata/fixtures}; the system property {@code kfsck.fixtures} overrides it. */
    public static Path root() {
        String explicit = System.getProperty("kfsck.fixtures");
        return explicit != null ? Path.of(explicit).toAbsolutePath() : ModuleDirs.testdataDir().resolve("fixtures");
    }

    /** The committed directory of a scenario (read only: use {@link #copy}). */
    public static Path dir(String scenario) {
        Path dir = root().resolve(scenario);
        if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
            throw new IllegalArgumentException("no fixture " + scenario + " under " + root());
        }
        return dir;
    }

    public static Manifest manifest(String scenario) {
        try {
            return JSON.readValue(dir(scenario).resolve("manifest.json").toFile(), Manifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scenarios that have a committed fixture. */
    public static List<String> available() {
        return SCENARIOS.stream().filter(s -> Files.isRegularFile(root().resolve(s).resolve("manifest.json"))).toList();
    }

    /**
     * Copies a scenario's node directories (and its manifest.json) into {@code dest}, restoring each file's original
     * length (trimmed zero tails come back as zeros, sparse) and POSIX mode. Returns {@code dest}; a node's log dir is
     * then {@code dest.resolve(manifest.node(id).logDir())}.
     */
    public static Path copy(String scenario, Path dest) {
        Path src = dir(scenario);
        Manifest m = manifest(scenario);
        try {
            Files.createDirectories(dest);
            for (String d : m.directories()) {
                Files.createDirectories(dest.resolve(d));
            }
            for (Manifest.FileEntry f : m.files()) {
                Path from = src.resolve(f.path());
                Path to = dest.resolve(f.path());
                Files.createDirectories(to.getParent());
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                if (f.length() != f.storedLength()) {
                    try (FileChannel ch = FileChannel.open(to, StandardOpenOption.WRITE)) {
                        // Writing the last byte leaves the gap as a hole that reads back as zeros.
                        ch.write(java.nio.ByteBuffer.allocate(1), f.length() - 1);
                    }
                }
                if (f.mode() != null && !f.mode().isEmpty()) {
                    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString(f.mode()));
                }
            }
            Files.copy(src.resolve("manifest.json"), dest.resolve("manifest.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dest;
    }

    /** Jackson mapper used for manifests (indenting, lenient on unknown fields). */
    public static ObjectMapper json() {
        return JSON;
    }

    static Stream<Path> walk(Path dir) throws IOException {
        return Files.walk(dir);
    }
}
