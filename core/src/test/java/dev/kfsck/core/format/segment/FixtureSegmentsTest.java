package dev.kfsck.core.format.segment;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.format.segment.KafkaBatches.BatchFacts;
import dev.kfsck.core.io.BoundedRead;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every segment, index and producer snapshot of the real broker fixtures. */
class FixtureSegmentsTest {

    private static final Path FIXTURES = Path.of("../testdata/fixtures");

    @TempDir
    Path tmp;

    private static List<Path> files(String suffix) throws IOException {
        if (!Files.isDirectory(FIXTURES)) return List.of();
        try (Stream<Path> s = Files.walk(FIXTURES)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .filter(p -> SegmentScanner.baseOffsetOf(p.getFileName().toString()) >= 0).sorted().toList();
        }
    }

    private static String rel(Path p) {
        return p.getParent().getFileName() + "/" + p.getFileName();
    }

    /** True when no segment of the same partition has a higher base offset. */
    private static boolean isActive(Path log) throws IOException {
        long base = SegmentScanner.baseOffsetOf(log.getFileName().toString());
        try (Stream<Path> s = Files.list(log.getParent())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log"))
                    .mapToLong(SegmentScanner::baseOffsetOf).max().orElse(base) == base;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyLogMatchesKafkasFileRecords() throws IOException {
        List<Path> logs = files(".log");
        assumeTrue(!logs.isEmpty(), "no fixtures yet");
        return logs.stream().map(log -> DynamicTest.dynamicTest(FIXTURES.relativize(log).toString(), () -> {
            Path copy = Files.copy(log, Files.createTempDirectory(tmp, "f").resolve(log.getFileName()));
            List<BatchFacts> kafka = KafkaBatches.kafkaBatches(copy);
            for (ScanOptions o : new ScanOptions[] {ScanOptions.full().withSource(ByteSource.READ, 0),
                    ScanOptions.full().withSource(ByteSource.MAPPED, 0), ScanOptions.headersOnly()}) {
                assertEquals(kafka, KafkaBatches.ourBatches(log, o));
            }
            SegmentScan s = SegmentScanner.scan(log, rel(log), ScanOptions.full());
            assertEquals(KafkaBatches.kafkaPrefix(copy.toFile()).validBytes(), s.validBytes());
            assertNoErrors(s.findings());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyIndexParsesAndVerifies() throws IOException {
        List<Path> logs = files(".log");
        assumeTrue(!logs.isEmpty(), "no fixtures yet");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path log : logs) {
            String stem = log.getFileName().toString().replace(".log", "");
            long base = SegmentScanner.baseOffsetOf(log.getFileName().toString());
            Path index = log.resolveSibling(stem + ".index");
            Path timeIndex = log.resolveSibling(stem + ".timeindex");
            Path txnIndex = log.resolveSibling(stem + ".txnindex");
            tests.add(DynamicTest.dynamicTest(FIXTURES.relativize(log.getParent()).resolve(stem).toString(), () -> {
                SegmentScan scan = SegmentScanner.scan(log, rel(log), ScanOptions.full().withBatchIndex(true));
                boolean active = isActive(log);
                if (Files.exists(index)) {
                    var p = OffsetIndexView.parse(index, rel(index), base, active);
                    assertEquals(List.of(), p.findings());
                    assertEquals(List.of(), IndexVerifier.verify(p.model(), scan));
                }
                if (Files.exists(timeIndex)) {
                    var p = TimeIndexView.parse(timeIndex, rel(timeIndex), base, active);
                    assertEquals(List.of(), p.findings());
                    assertEquals(List.of(), IndexVerifier.verify(p.model(), scan));
                }
                if (Files.exists(txnIndex)) {
                    assertEquals(List.of(), TxnIndexView.parse(txnIndex, rel(txnIndex), base).findings());
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyProducerSnapshotParses() throws IOException {
        List<Path> snaps = files(".snapshot");
        assumeTrue(!snaps.isEmpty(), "no producer snapshots in the fixtures");
        return snaps.stream().map(s -> DynamicTest.dynamicTest(FIXTURES.relativize(s).toString(), () -> {
            BoundedRead.Result r = BoundedRead.read(s, 64 << 20);
            var p = ProducerSnapshot.parse(rel(s), r.bytes());
            assertEquals(List.of(), p.findings());
            assertEquals(p.model().count(), p.model().entries().size());
        }));
    }

    private static void assertNoErrors(List<Finding> findings) {
        assertFalse(findings.stream().anyMatch(f -> f.severity() == Severity.ERROR), findings.toString());
        assertTrue(findings.stream().allMatch(f -> f.code().id().startsWith("SEG-")));
    }
}
