package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.testdata.Fixtures;
import org.apache.kafka.storage.internals.log.CorruptIndexException;
import org.apache.kafka.storage.internals.log.OffsetIndex;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The metadata log pass reads {@code __cluster_metadata-0}'s {@code .index} and {@code .timeindex} files and checks
 * them against their segments; Kafka recovers the metadata log whole at every start and rebuilds them, so damage there
 * is a warning with {@link KafkaReaction#REBUILDS_ON_STARTUP}.
 */
class MetadataLogIndexTest {

    static Stream<String> scenarios() {
        return Fixtures.available().stream();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void intactMetadataIndexesGiveNoIndexFinding(String scenario, @TempDir Path tmp) {
        for (Path dir : FixtureCopies.logDirs(scenario, tmp)) {
            List<Finding> index = indexFindings(LogDirChecker.check(dir).findings());
            assertEquals(List.of(), index, scenario + " " + dir);
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void indexOfTenBytesIsReportedAsRebuilt(String scenario, @TempDir Path tmp) throws IOException {
        Path dir = FixtureCopies.logDirs(scenario, tmp).get(0);
        Path index = firstOf(dir, ".index");
        byte[] bytes = new byte[10];
        Arrays.fill(bytes, (byte) 7);
        Files.write(index, bytes);
        assertKafkaRefuses(index);

        List<Finding> found = at(LogDirChecker.check(dir).findings(), dir, index);
        assertTrue(found.stream().anyMatch(f -> f.code().id().equals("IDX-LENGTH-NOT-MULTIPLE")), found.toString());
        assertTrue(found.stream().allMatch(f -> f.reaction() == KafkaReaction.REBUILDS_ON_STARTUP
                && f.severity() == Severity.WARN), found.toString());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void garbageTimeIndexIsReportedAsRebuilt(String scenario, @TempDir Path tmp) throws IOException {
        Path dir = FixtureCopies.logDirs(scenario, tmp).get(0);
        Path timeIndex = firstOf(dir, ".timeindex");
        byte[] bytes = new byte[24];
        Arrays.fill(bytes, (byte) 0x7F);
        Files.write(timeIndex, bytes);

        List<Finding> found = at(LogDirChecker.check(dir).findings(), dir, timeIndex);
        assertTrue(found.stream().anyMatch(f -> f.code().id().startsWith("TIDX-")), found.toString());
        assertTrue(found.stream().allMatch(f -> f.reaction() == KafkaReaction.REBUILDS_ON_STARTUP
                && f.severity() == Severity.WARN), found.toString());
    }

    /** Kafka's own sanity check (run by DumpLogSegments and the remote index cache, not on load) refuses the file. */
    private static void assertKafkaRefuses(Path index) throws IOException {
        Path copy = Files.createTempFile("kafka-view", ".index");
        try {
            Files.copy(index, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            OffsetIndex kafka = new OffsetIndex(copy.toFile(), 0L, -1, false);
            try {
                assertThrows(CorruptIndexException.class, kafka::sanityCheck);
            } finally {
                kafka.close();
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private static Path firstOf(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(LogDirLayout.METADATA_DIR))) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().findFirst().orElseThrow();
        }
    }

    private static List<Finding> at(List<Finding> findings, Path dir, Path file) {
        String rel = dir.relativize(file).toString();
        return findings.stream().filter(f -> f.location().file().equals(rel)).toList();
    }

    private static List<Finding> indexFindings(List<Finding> findings) {
        return findings.stream().filter(f -> f.location().file().startsWith(LogDirLayout.METADATA_DIR + "/")
                && (f.code().id().startsWith("IDX-") || f.code().id().startsWith("TIDX-"))).toList();
    }
}
