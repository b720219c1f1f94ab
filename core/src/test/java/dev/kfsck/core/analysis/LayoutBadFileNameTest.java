package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.testdata.Fixtures;
import org.apache.kafka.storage.internals.log.LogFileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LAYOUT-BAD-FILE-NAME over copies of a real broker's log dir: an index, producer snapshot, .cleaned or .swap file
 * whose name before the first dot is no number gives exactly one finding at that file, in a data partition and in
 * {@code __cluster_metadata-0}; names Kafka's own parser ({@code LogFileUtils.offsetFromFileName}) reads give none.
 */
class LayoutBadFileNameTest {

    private static final String SCENARIO = "single-4.3-kill";
    private static final String METADATA = LogDirLayout.METADATA_DIR;

    @TempDir
    Path tmp;

    private Path logDir() {
        return FixtureCopies.logDirs(SCENARIO, tmp).get(0);
    }

    private static String folder(Path logDir, String which) throws IOException {
        return which.equals("metadata") ? METADATA
                : logDir.relativize(LogDirLayout.scan(logDir).dataPartitions().get(0).path()).toString();
    }

    /** Writes {@code rel} as a copy of a real file of the folder with the same last suffix, or empty if there is none. */
    private static void plant(Path logDir, String rel) throws IOException {
        Path target = logDir.resolve(rel);
        String name = target.getFileName().toString();
        String suffix = name.substring(name.lastIndexOf('.'));
        Optional<Path> original;
        try (Stream<Path> files = Files.list(target.getParent())) {
            original = files.filter(f -> f.getFileName().toString().matches("\\d{20}\\Q" + suffix + "\\E")).sorted().findFirst();
        }
        if (original.isPresent()) Files.copy(original.get(), target);
        else Files.write(target, new byte[0]);
    }

    private static List<Finding> badNames(List<Finding> findings) {
        return findings.stream().filter(f -> f.code() == LayoutCodes.BAD_FILE_NAME).toList();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({
            "data, copy-of-00000000000000000000.index",
            "data, copy-of-00000000000000000000.timeindex",
            "data, copy-of-00000000000000000000.txnindex",
            "data, copy-of-00000000000000000636.snapshot",
            "data, .index",                                   // nothing before the first dot
            "data, 0x10.snapshot",
            "data, backup.log.cleaned",
            "data, copy-of-00000000000000000000.log.swap",
            "data, copy.index.swap",
            "metadata, copy-of-00000000000000000000.index",
            "metadata, copy-of-00000000000000000000.timeindex",
            "metadata, old.txnindex",
            "metadata, copy-of-00000000000000000000.snapshot",
            "metadata, backup.log.cleaned",
            "metadata, copy-of-00000000000000000000.log.swap",
    })
    void aNameKafkaCannotParseIsReportedOnceAtThatFile(String which, String name) throws IOException {
        assertThrows(NumberFormatException.class, () -> LogFileUtils.offsetFromFileName(name), "Kafka's parser rejects " + name);
        Path dir = logDir();
        List<Finding> before = LogDirChecker.check(dir).findings();
        String rel = folder(dir, which) + "/" + name;
        plant(dir, rel);

        List<Finding> after = LogDirChecker.check(dir).findings();
        List<Finding> atThatFile = after.stream().filter(f -> f.location().file().equals(rel)).toList();
        assertEquals(1, atThatFile.size(), () -> rel + ": " + atThatFile);
        Finding f = atThatFile.get(0);
        assertEquals(LayoutCodes.BAD_FILE_NAME, f.code(), f::toString);
        assertEquals(KafkaReaction.STARTUP_FATAL, f.reaction());
        assertTrue(f.message().contains("NumberFormatException"), f::toString);
        assertEquals(before.size() + 1, after.size(), () -> "only one new finding: " + after);
    }

    /**
     * Names Kafka reads as an offset, padded or not: no LAYOUT-BAD-FILE-NAME. Unpadded index, snapshot and .cleaned
     * names are read as that offset and deleted or ignored by Kafka, so they get no finding at all.
     */
    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({
            "data, 5.snapshot",
            "data, 5.index",
            "data, 5.timeindex",
            "data, 5.txnindex",
            "data, 00000000000000000005.log.cleaned",
            "data, 5.log.cleaned",
            "metadata, 5.snapshot",
            "metadata, 5.index",
    })
    void aNameKafkaParsesIsNoBadName(String which, String name) throws IOException {
        assertDoesNotThrow(() -> LogFileUtils.offsetFromFileName(name));
        Path dir = logDir();
        List<Finding> before = LogDirChecker.check(dir).findings();
        String rel = folder(dir, which) + "/" + name;
        plant(dir, rel);

        List<Finding> after = LogDirChecker.check(dir).findings();
        assertEquals(List.of(), badNames(after));
        List<Finding> atThatFile = after.stream().filter(f -> f.location().file().equals(rel)).toList();
        if (name.endsWith(".cleaned")) {
            assertEquals(List.of(LayoutCodes.LEFTOVER_TEMP), atThatFile.stream().map(Finding::code).toList(), rel);
        } else {
            assertEquals(List.of(), atThatFile, rel);
            assertEquals(before.size(), after.size());
        }
    }

    @Test
    void aSwapWithAnOffsetKeepsItsLeftoverCode() throws IOException {
        Path dir = logDir();
        String rel = folder(dir, "data") + "/00000000000000999999.log.swap";
        Files.write(dir.resolve(rel), new byte[0]);
        List<Finding> atThatFile = LogDirChecker.check(dir).findings().stream().filter(f -> f.location().file().equals(rel)).toList();
        assertEquals(List.of(LayoutCodes.LEFTOVER_SWAP), atThatFile.stream().map(Finding::code).toList());
    }

    /** An unpadded segment swap: Kafka reads its offset but completes an empty swap under the padded name. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"data", "metadata"})
    void anUnpaddedSegmentSwapIsABadNameThatLosesItsRecords(String which) throws IOException {
        Path dir = logDir();
        List<Finding> before = LogDirChecker.check(dir).findings();
        String rel = folder(dir, which) + "/202.log.swap";
        assertEquals(202L, LogFileUtils.offsetFromFileName("202.log.swap"));
        plant(dir, rel);

        List<Finding> after = LogDirChecker.check(dir).findings();
        List<Finding> atThatFile = after.stream().filter(f -> f.location().file().equals(rel)).toList();
        assertEquals(1, atThatFile.size(), atThatFile::toString);
        Finding f = atThatFile.get(0);
        assertEquals(LayoutCodes.BAD_FILE_NAME, f.code());
        assertEquals(KafkaReaction.TRUNCATES_ON_RECOVERY, f.reaction());
        assertTrue(f.message().contains("00000000000000000202.log.swap"), f::toString);
        assertEquals(before.size() + 1, after.size());
    }

    /** Kafka loads -delete, -future and -stray folders through the same log loader, so they are no exception. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"delete", "future", "stray"})
    void aBadNameInASuffixedPartitionFolderIsReportedToo(String state) throws IOException {
        Path dir = logDir();
        String data = folder(dir, "data");
        String suffixed = data + ".0123456789abcdef0123456789abcdef-" + state;
        Files.createDirectory(dir.resolve(suffixed));
        for (String name : List.of("00000000000000000000.log", "00000000000000000000.index")) {
            Files.copy(dir.resolve(data + "/" + name), dir.resolve(suffixed + "/" + name));
        }
        String rel = suffixed + "/copy-of-00000000000000000000.index";
        plant(dir, rel);

        List<Finding> bad = badNames(LogDirChecker.check(dir).findings());
        assertEquals(List.of(rel), bad.stream().map(f -> f.location().file()).toList());
    }

    static Stream<String> scenarios() {
        return Fixtures.available().stream();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void realBrokerOutputHoldsNoBadName(String scenario) {
        List<Path> dirs = FixtureCopies.logDirs(scenario, tmp);
        Report r = LogDirChecker.check(dirs.toArray(Path[]::new));
        assertEquals(List.of(), badNames(r.findings()), scenario);
    }
}
