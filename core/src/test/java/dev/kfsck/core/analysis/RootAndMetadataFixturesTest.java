package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.testdata.Fixtures;
import org.apache.kafka.common.record.internal.FileLogInputStream;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.raft.FileQuorumStateStore;
import dev.kfsck.testdata.Manifest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The real fixtures, written by real brokers: no errors from the root and metadata passes, and facts as the broker reported. */
class RootAndMetadataFixturesTest {

    static Stream<String> scenarios() {
        return Fixtures.available().stream();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void cleanFixtureHasNoErrorsOfOurs(String scenario, @TempDir Path tmp) {
        List<Path> dirs = FixtureCopies.logDirs(scenario, tmp);
        Report r = LogDirChecker.check(dirs.toArray(Path[]::new));
        List<Finding> errors = r.findings().stream().filter(FixtureCopies.OURS).filter(f -> f.severity() == Severity.ERROR).toList();
        assertEquals(List.of(), errors, scenario);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void factsMatchTheManifest(String scenario, @TempDir Path tmp) throws IOException {
        Manifest m = Fixtures.manifest(scenario);
        List<Path> dirs = FixtureCopies.logDirs(scenario, tmp);
        Report r = LogDirChecker.check(dirs.toArray(Path[]::new));
        for (int i = 0; i < dirs.size(); i++) {
            Manifest.Node node = m.nodes().get(i);
            LogDirFacts f = r.logDirs().get(i).facts();
            String where = scenario + " node " + node.nodeId();
            assertEquals(node.nodeId(), f.nodeId(), where);
            assertEquals(m.clusterId(), f.clusterId(), where);
            assertEquals(node.directoryId(), f.directoryId(), where);
            assertEquals(m.kraftVersion(), f.kraftVersion(), where);
            assertNotNull(f.quorum(), where);
            assertTrue(f.quorum().leaderEpoch() >= m.quorum().leaderEpoch(), where + ": quorum-state epoch " + f.quorum().leaderEpoch());
            assertEquals(m.kraftVersion(), f.quorum().dataVersion(), where);
            assertEquals(m.quorum().voters().stream().sorted().toList(), f.quorum().voters().stream().sorted().toList(), where);
            assertEquals(node.metadataSnapshots().stream().sorted().toList(), f.metadataLog().snapshotIds(), where);
            assertEquals(m.quorum().leaderEpoch(), f.metadataLog().lastEpoch(), where + ": raft epoch of the log");
            assertEquals(kafkaLogEnd(dirs.get(i).resolve(LogDirLayout.METADATA_DIR)), f.metadataLog().endOffset(), where);
            assertEquals(kafkaQuorumEpoch(dirs.get(i).resolve(LogDirLayout.METADATA_DIR)), f.quorum().leaderEpoch(), where);
            if (node.nodeId() == m.quorum().leaderId()) {
                assertTrue(f.metadataLog().endOffset() >= m.quorum().highWatermark(),
                        where + ": log end " + f.metadataLog().endOffset() + " below the high watermark " + m.quorum().highWatermark());
            }
        }
    }

    /** The metadata log end as Kafka's FileRecords sees it: valid batches of each segment until the first invalid one. */
    static long kafkaLogEnd(Path metadataDir) throws IOException {
        long end = 0;
        List<Path> segments;
        try (Stream<Path> files = Files.list(metadataDir)) {
            segments = files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        }
        for (Path seg : segments) {
            end = Math.max(end, Long.parseLong(seg.getFileName().toString().substring(0, 20)));
            try (FileRecords records = FileRecords.open(seg.toFile(), false)) {
                for (FileLogInputStream.FileChannelRecordBatch b : records.batches()) {
                    if (!b.isValid()) return end;
                    end = b.nextOffset();
                }
            }
        }
        return end;
    }

    static int kafkaQuorumEpoch(Path metadataDir) {
        return new FileQuorumStateStore(metadataDir.resolve("quorum-state").toFile()).readElectionState().orElseThrow().epoch();
    }
}
