package dev.kfsck.core.repair.plan.trips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.analysis.cluster.ClusterFinding;
import dev.kfsck.core.analysis.cluster.ClusterView;
import dev.kfsck.core.analysis.cluster.DirFacts;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.repair.plan.ApplyAndVerify;
import dev.kfsck.core.repair.plan.RepairOptions;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import dev.kfsck.testdata.broker.BrokerHarness;
import dev.kfsck.testdata.broker.Outcome;
import dev.kfsck.testdata.corrupt.Damage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CLUSTER-* findings come from {@link ClusterView} over several nodes' facts, not from one check, so the trips of
 * {@link RepairableCodeBrokerTest} cannot name them. Here the view sees the odd node before the repair, no longer
 * after it, and the three real brokers serve every record of the undamaged fixture.
 */
class ClusterFindingsBrokerTest {

    @TempDir
    Path tmp;

    @Test
    @ProvesRepairOf({"XFILE-CLUSTER-ID-ACROSS-NODES", "CLUSTER-ID-DIFFERS", "CLUSTER-QUORUM-EPOCH-BEHIND"})
    void oddIdentityAndStaleQuorumStateAreRepairedFromThePeers() throws Exception {
        Manifest m = Fixtures.manifest("quorum3-4.3");
        Path originalRoot = Fixtures.copy("quorum3-4.3", tmp.resolve("original"));
        Path root = Fixtures.copy("quorum3-4.3", tmp.resolve("damaged"));
        List<Path> dirs = m.nodes().stream().map(n -> root.resolve(n.logDir())).toList();
        // an old backup of quorum-state restored on node 0: epoch 0, below its own log's epoch 1
        Damage.replaceJsonField(dirs.get(0), "__cluster_metadata-0/quorum-state", "leaderEpoch", "0");
        // node 1's disk formatted by another cluster's kafka-storage, then its data copied back
        Damage.replaceLine(dirs.get(1), "meta.properties", 5, "cluster.id=AAAAbbbbCCCCddddEEEEfg");

        Report before = LogDirChecker.check(dirs.toArray(Path[]::new));
        assertTrue(reported(before, dirs.get(1), "XFILE-CLUSTER-ID-ACROSS-NODES"), codes(before));
        ClusterView view = ClusterView.of(DirFacts.of(before));
        assertTrue(atNode(view, dirs.get(1), "CLUSTER-ID-DIFFERS", Severity.ERROR), view.findings().toString());
        assertTrue(atNode(view, dirs.get(0), "CLUSTER-QUORUM-EPOCH-BEHIND", Severity.WARN), view.findings().toString());

        ApplyAndVerify.Outcome done = ApplyAndVerify.run(dirs, RepairOptions.defaults(tmp.resolve("outside")), tmp.resolve("backup"));
        assertTrue(done.applied() != null && done.applied().applied(), () -> "applied: " + done.applied());
        assertTrue(done.leftovers().isEmpty(), () -> "still reported: " + done.leftovers());
        assertTrue(done.plan().recordsLost().isEmpty(), done.plan().recordsLost().toString());
        List<Finding> errors = done.after().findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
        assertTrue(errors.isEmpty(), () -> "errors after the repair: " + errors);
        ClusterView after = ClusterView.of(DirFacts.of(done.after()));
        assertTrue(after.findings().stream().noneMatch(f -> f.finding().code().id().equals("CLUSTER-ID-DIFFERS")
                || f.finding().code().id().equals("CLUSTER-QUORUM-EPOCH-BEHIND")), after.findings().toString());

        Map<TopicPartition, Long> expected = BrokerHarness.expectedEndOffsets(m);
        try (BrokerHarness h = BrokerHarness.start(m, root)) {
            Outcome o = h.awaitOutcome(Duration.ofSeconds(150));
            assertTrue(o.started(), () -> o + "\n" + h.log(o.nodeId()));
            assertEquals(BrokerHarness.byName(expected), BrokerHarness.byName(h.awaitEndOffsets(expected, Duration.ofSeconds(60))), "end offsets served");
            for (var e : expected.entrySet()) {
                TopicPartition tp = e.getKey();
                String folder = tp.topic() + "-" + tp.partition();
                TreeMap<Long, Long> want = ServedRecords.onDisk(originalRoot.resolve(m.node(0).logDir()).resolve(folder), e.getValue());
                assertEquals(want, ServedRecords.fetched(h.cluster().bootstrapServers(), tp, e.getValue()), tp + ": every record served");
            }
        }
    }

    private static boolean reported(Report r, Path dir, String code) {
        return r.findings().stream().anyMatch(f -> f.code().id().equals(code) && f.location().file().equals("meta.properties")
                && Path.of(f.location().logDir()).equals(dir));
    }

    private static boolean atNode(ClusterView v, Path dir, String code, Severity severity) {
        for (ClusterFinding f : v.findings()) {
            if (f.finding().code().id().equals(code) && f.finding().severity() == severity
                    && Path.of(f.finding().location().logDir()).equals(dir)) return true;
        }
        return false;
    }

    private static String codes(Report r) {
        return r.findings().stream().map(f -> f.code().id() + "@" + f.location().file()).distinct().toList().toString();
    }


}
