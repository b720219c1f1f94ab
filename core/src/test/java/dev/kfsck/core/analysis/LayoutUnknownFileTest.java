package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.format.segment.SegmentCodes;
import dev.kfsck.testdata.Fixtures;
import org.apache.kafka.snapshot.Snapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LAYOUT-UNKNOWN-FILE over copies of a real broker's log dir: one finding for each file Kafka 4.3.1 does not know
 * where it lies, none for the names Kafka writes itself, none on the untouched fixtures.
 */
class LayoutUnknownFileTest {

    private static final String SCENARIO = "single-4.3-kill";
    private static final String METADATA = LogDirLayout.METADATA_DIR;

    @TempDir
    Path tmp;

    private Path logDir() {
        return FixtureCopies.logDirs(SCENARIO, tmp).get(0);
    }

    /** The first live data partition folder of the copy, relative to the log dir. */
    private static String dataPartition(Path logDir) throws IOException {
        return logDir.relativize(LogDirLayout.scan(logDir).dataPartitions().get(0).path()).toString();
    }

    private static List<Finding> unknownFiles(List<Finding> findings) {
        return findings.stream().filter(f -> f.code() == LayoutCodes.UNKNOWN_FILE).toList();
    }

    /** {@code folder} is "root", "data" (a data partition) or "metadata" (__cluster_metadata-0). */
    private static String place(Path logDir, String folder, String name) throws IOException {
        return switch (folder) {
            case "root" -> name;
            case "data" -> dataPartition(logDir) + "/" + name;
            case "metadata" -> METADATA + "/" + name;
            default -> throw new IllegalArgumentException(folder);
        };
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({
            "root, notes.txt",
            "root, meta.properties.bak",
            "root, recovery-point-offset-checkpoint.old",
            "root, quorum-state",                          // only known inside __cluster_metadata-0
            "root, leader-epoch-checkpoint",               // only known inside a partition folder
            "root, partial-copy.tmp",                      // a .tmp name no Kafka writer uses
            "root, .kafka_cleanshutdown.tmp",              // the marker is written in place, never through a .tmp
            "data, notes.txt",
            "data, partition.metadata.bak",
            "data, leader-epoch-checkpoint.1",
            "data, quorum-state",                          // only the metadata log has one
            "data, quorum-state.tmp",
            "data, 00000000000000000000.log.tmp",          // ends in .tmp, not in .log: the loader skips it
            "data, 00000000000000000000-0000000001.checkpoint",  // KRaft snapshot names are listed only in the metadata log
            "data, 00000000000000000000-0000000001.checkpoint.part",
            "data, 00000000000000000000-0000000001.checkpoint.deleted", // the loader leaves *.checkpoint.deleted to the raft log
            "metadata, notes.txt",
            "metadata, quorum-state.bak",
            "metadata, partition.metadata.orig",
            "metadata, 00000000000000000000.log.bak",
            "metadata, bootstrap.checkpoint.tmp",          // a root temp name, not a metadata log one
    })
    void oneUnknownFileIsReportedOnceAtThatFile(String folder, String name) throws IOException {
        Path dir = logDir();
        List<Finding> before = LogDirChecker.check(dir).findings();
        String rel = place(dir, folder, name);
        Files.writeString(dir.resolve(rel), "not Kafka's\n");

        List<Finding> after = LogDirChecker.check(dir).findings();
        List<Finding> unknown = unknownFiles(after);
        assertEquals(1, unknown.size(), () -> rel + ": " + unknown);
        assertEquals(rel, unknown.get(0).location().file());
        List<Finding> atThatFile = after.stream().filter(f -> f.location().file().equals(rel)).toList();
        assertEquals(List.of(unknown.get(0)), atThatFile, "no other code reports the added file");
        assertEquals(before.size() + 1, after.size(), () -> "only one new finding: " + newFindings(before, after));
    }

    @Test
    void namesKafkaWritesItselfAreNotUnknown() throws IOException {
        Path dir = logDir();
        String data = dataPartition(dir);
        List<String> kafkas = new ArrayList<>(List.of(
                ".kafka_cleanshutdown", "meta.properties.tmp", "recovery-point-offset-checkpoint.tmp",
                "replication-offset-checkpoint.tmp", "log-start-offset-checkpoint.tmp", "cleaner-offset-checkpoint.tmp",
                "bootstrap.checkpoint.tmp"));
        for (String folder : List.of(data, METADATA)) {
            for (String own : List.of("leader-epoch-checkpoint.tmp", "partition.metadata.tmp")) kafkas.add(folder + "/" + own);
            for (String suffix : List.of(".log", ".index", ".timeindex", ".txnindex", ".snapshot")) {
                String name = folder + "/00000000000000999999" + suffix;
                kafkas.add(name + ".deleted");
                kafkas.add(name + ".cleaned");
                kafkas.add(name + ".swap");
            }
        }
        kafkas.add(METADATA + "/quorum-state.tmp");
        // the names Snapshots writes: a frozen snapshot, its temporary file (createTempFile adds a random part), a deleted one
        kafkas.add(METADATA + "/00000000000000999999-0000000009.checkpoint.deleted");
        kafkas.add(METADATA + "/00000000000000999999-0000000009-4096378102119887455.checkpoint.part");
        for (String rel : kafkas) Files.write(dir.resolve(rel), new byte[0]);

        List<Finding> findings = LogDirChecker.check(dir).findings();
        assertEquals(List.of(), unknownFiles(findings));
        // the temporary files of Kafka's writers keep their own code
        for (String tmpName : kafkas.stream().filter(n -> n.endsWith(".tmp")).toList()) {
            assertTrue(findings.stream().anyMatch(f -> f.code() == LayoutCodes.LEFTOVER_TEMP && f.location().file().equals(tmpName)), tmpName);
        }
        // Kafka's own reader takes the metadata log's snapshot names as its own
        assertTrue(Snapshots.parse(dir.resolve(METADATA + "/00000000000000999999-0000000009-4096378102119887455.checkpoint.part"))
                .orElseThrow().partial());
        assertTrue(Snapshots.parse(dir.resolve(METADATA + "/00000000000000999999-0000000009.checkpoint.deleted"))
                .orElseThrow().deleted());
    }

    static Stream<String> scenarios() {
        return Fixtures.available().stream();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void realBrokerOutputHoldsNoUnknownFile(String scenario) {
        List<Path> dirs = FixtureCopies.logDirs(scenario, tmp);
        Report r = LogDirChecker.check(dirs.toArray(Path[]::new));
        assertEquals(List.of(), unknownFiles(r.findings()), scenario);
    }

    @Test
    void aSegmentCopyWithANonNumericNameInTheMetadataLogIsABadSegmentName() throws IOException {
        Path dir = logDir();
        String copy = METADATA + "/copy-of-00000000000000000000.log";
        Files.copy(dir.resolve(METADATA + "/00000000000000000000.log"), dir.resolve(copy));

        List<Finding> atCopy = LogDirChecker.check(dir).findings().stream()
                .filter(f -> f.location().file().equals(copy)).toList();
        assertEquals(1, atCopy.size(), atCopy::toString);
        assertEquals(SegmentCodes.BAD_FILE_NAME, atCopy.get(0).code());
        assertEquals(SegmentCodes.BAD_FILE_NAME.reaction(), atCopy.get(0).reaction());
    }

    private static List<String> newFindings(List<Finding> before, List<Finding> after) {
        List<String> was = before.stream().map(Finding::toString).toList();
        return after.stream().map(Finding::toString).filter(s -> !was.contains(s)).toList();
    }
}
