package dev.kfsck.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The committed fixtures are complete and a copy restores every file exactly as the broker left it. */
class FixturesTest {

    static Stream<String> scenarios() {
        return Fixtures.SCENARIOS.stream();
    }

    @Test
    void everyScenarioHasACommittedFixture() {
        assertEquals(Fixtures.SCENARIOS, Fixtures.available());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void manifestNamesTheKafkaVersionAndItsClusterMatchesMetaProperties(String scenario) throws Exception {
        Manifest m = Fixtures.manifest(scenario);
        assertEquals(scenario, m.scenario());
        assertTrue(m.kafkaVersion().matches("[34]\\.[0-9]+\\.[0-9]+"), m.kafkaVersion());
        assertEquals(scenario.contains("3.9") ? "3.9.1" : "4.3.1", m.kafkaVersion());
        assertFalse(m.files().isEmpty());
        assertTrue(m.quorum().leaderId() >= 0);
        for (Manifest.Node n : m.nodes()) {
            Properties meta = new Properties();
            try (var in = Files.newInputStream(Fixtures.dir(scenario).resolve(n.logDir()).resolve("meta.properties"))) {
                meta.load(in);
            }
            assertEquals(m.clusterId(), meta.getProperty("cluster.id"));
            assertEquals(Integer.toString(n.nodeId()), meta.getProperty("node.id"));
            assertEquals(n.directoryId(), meta.getProperty("directory.id"));
            assertFalse(n.metadataSnapshots().isEmpty());
        }
        assertEquals("DYNAMIC".equals(m.quorumMode()) ? 1 : 0, m.kraftVersion());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyListedFileIsStoredAndTheCopyHasItsOriginalLengthAndMode(String scenario, @TempDir Path tmp) throws Exception {
        Manifest m = Fixtures.manifest(scenario);
        Path committed = Fixtures.dir(scenario);
        Path copy = Fixtures.copy(scenario, tmp);
        for (Manifest.FileEntry f : m.files()) {
            assertEquals(f.storedLength(), Files.size(committed.resolve(f.path())), f.path());
            Path copied = copy.resolve(f.path());
            assertEquals(f.length(), Files.size(copied), f.path());
            assertEquals(f.mode(), PosixFilePermissions.toString(Files.getPosixFilePermissions(copied)), f.path());
            if (f.length() != f.storedLength()) {
                assertRestoredTailIsZero(committed.resolve(f.path()), copied, f.storedLength());
            }
        }
        for (String d : m.directories()) {
            assertTrue(Files.isDirectory(copy.resolve(d)), d);
        }
    }

    @Test
    void killedFixtureKeepsThePreallocatedMetadataIndexLengthAndCleanOneHasTheMarker() {
        Manifest kill = Fixtures.manifest("single-4.3-kill");
        assertTrue(kill.files().stream().anyMatch(f -> f.path().contains("__cluster_metadata-0/")
                && f.path().endsWith(".index") && f.length() == 10 * 1024 * 1024 && f.storedLength() < 4096));
        assertFalse(kill.files().stream().anyMatch(f -> f.path().endsWith(".kafka_cleanshutdown")));
        Manifest clean = Fixtures.manifest("single-4.3-clean");
        assertTrue(clean.files().stream().anyMatch(f -> f.path().endsWith("/.kafka_cleanshutdown")));
    }

    @Test
    void dynamicQuorumHasTheBootstrapSnapshot() {
        Manifest m = Fixtures.manifest("dynamic-4.3");
        assertTrue(m.firstNode().metadataSnapshots().contains("00000000000000000000-0000000000"));
    }

    @Test
    void committedFixturesStayUnderTenMegabytes() throws Exception {
        long total;
        try (Stream<Path> s = Files.walk(Fixtures.root())) {
            total = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(total < 10L * 1024 * 1024, "fixtures hold " + total + " bytes");
    }

    private static void assertRestoredTailIsZero(Path committed, Path copied, long storedLength) throws Exception {
        byte[] stored = Files.readAllBytes(committed);
        try (var ch = java.nio.channels.FileChannel.open(copied)) {
            var buf = java.nio.ByteBuffer.allocate(65536);
            long pos = 0;
            long size = ch.size();
            while (pos < size) {
                buf.clear();
                int r = ch.read(buf, pos);
                for (int i = 0; i < r; i++) {
                    byte expected = pos + i < storedLength ? stored[(int) (pos + i)] : 0;
                    if (buf.get(i) != expected) {
                        throw new AssertionError(copied + ": byte " + (pos + i) + " differs");
                    }
                }
                pos += r;
            }
        }
    }
}
