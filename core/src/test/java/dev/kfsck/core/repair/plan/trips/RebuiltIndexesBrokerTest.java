package dev.kfsck.core.repair.plan.trips;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.plan.ApplyAndVerify;
import dev.kfsck.core.repair.plan.RepairOptions;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import dev.kfsck.testdata.broker.BrokerHarness;
import dev.kfsck.testdata.broker.Outcome;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the index family's trips do not see with a read_uncommitted consumer: that the indexes Kafka rebuilds after the
 * repair removed them are the ones it first wrote. The damages of the kill-fixture trip of {@link IndexFamily} are
 * applied to a copy and repaired; the broker started on it must serve read_committed consumers exactly the committed
 * records of the original (a transaction index that lost an abort would show aborted records), and once it is
 * stopped every index it rebuilt for a sealed segment must equal the original byte for byte, and kfsck must find
 * nothing wrong with any index or producer snapshot.
 */
class RebuiltIndexesBrokerTest {

    private static final List<String> TRANSACTIONAL = List.of("payments-0", "payments-1");

    @TempDir
    Path tmp;

    @Test
    void kafkaRebuildsTheRemovedIndexesAsItFirstWroteThem() throws Exception {
        Manifest m = Fixtures.manifest(IndexFamily.KILL);
        Path original = Fixtures.copy(IndexFamily.KILL, tmp.resolve("original")).resolve(m.firstNode().logDir());
        Path root = Fixtures.copy(IndexFamily.KILL, tmp.resolve("damaged"));
        Path dir = root.resolve(m.firstNode().logDir());
        for (CodeCase c : IndexFamily.killTrip().cases()) c.damage().apply(dir);

        ApplyAndVerify.Outcome done = ApplyAndVerify.run(List.of(dir), RepairOptions.defaults(tmp.resolve("outside")), tmp.resolve("backup"));
        assertTrue(done.applied() != null && done.applied().applied(), () -> "applied: " + done.applied());
        List<String> removedIndexes = done.plan().steps().stream()
                .filter(s -> s.action() instanceof RepairAction.DeleteFile)
                .map(s -> dir.relativize(s.action().path()).toString().replace(File.separatorChar, '/'))
                .filter(f -> f.matches(".*\\.(index|timeindex|txnindex)$"))
                .toList();
        assertFalse(removedIndexes.isEmpty(), "the repair removes the damaged indexes");

        try (BrokerHarness h = BrokerHarness.start(m, root)) {
            Outcome o = h.awaitOutcome(Duration.ofSeconds(150));
            assertTrue(o.started(), () -> o + "\n" + h.log(o.nodeId()));
            for (String folder : TRANSACTIONAL) {
                TopicPartition tp = topicPartition(folder);
                long lso = lastStableOffset(m, tp);
                assertEquals(ServedRecords.committedOnDisk(original.resolve(folder), lso),
                        ServedRecords.fetchedCommitted(h.cluster().bootstrapServers(), tp, lso),
                        folder + ": a read_committed consumer gets exactly the original's committed records");
            }
        }

        int compared = 0;
        for (String file : removedIndexes) {
            if (isActiveSegment(dir, file)) continue;
            assertTrue(Files.exists(dir.resolve(file)), "Kafka rebuilt " + file);
            assertArrayEquals(Files.readAllBytes(original.resolve(file)), Files.readAllBytes(dir.resolve(file)),
                    file + " as Kafka rebuilt it equals the one it first wrote");
            compared++;
        }
        assertTrue(compared >= 20, "sealed segments' indexes compared: " + compared);

        List<Finding> left = LogDirChecker.check(dir).findings().stream()
                .filter(f -> f.severity() != Severity.INFO && f.code().id().matches("(IDX|TIDX|TXN|PSNAP)-.*"))
                .toList();
        assertTrue(left.isEmpty(), () -> "index and producer snapshot findings after Kafka rebuilt them: " + left);
    }

    private static boolean isActiveSegment(Path dir, String file) throws Exception {
        String folder = file.substring(0, file.indexOf('/'));
        String base = file.substring(file.indexOf('/') + 1, file.indexOf('.'));
        try (Stream<Path> s = Files.list(dir.resolve(folder))) {
            String last = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
            return last.startsWith(base);
        }
    }

    private static long lastStableOffset(Manifest m, TopicPartition tp) {
        return m.topic(tp.topic()).orElseThrow().partitions().stream().filter(p -> p.partition() == tp.partition())
                .findFirst().orElseThrow().lastStableOffset();
    }

    private static TopicPartition topicPartition(String folder) {
        int dash = folder.lastIndexOf('-');
        return new TopicPartition(folder.substring(0, dash), Integer.parseInt(folder.substring(dash + 1)));
    }
}
