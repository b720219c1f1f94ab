package dev.kfsck.core.repair.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.repair.Provenance;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairExecutor;
import dev.kfsck.core.repair.RepairPlan;
import dev.kfsck.core.repair.RepairRefusedException;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import dev.kfsck.testdata.broker.BrokerHarness;
import dev.kfsck.testdata.broker.Outcome;
import dev.kfsck.testdata.corrupt.Applied;
import dev.kfsck.testdata.corrupt.Corruption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof: damage a real broker's log dirs with the corruption catalog, plan, apply and verify, then start real
 * Kafka 4.3.1 brokers on the repaired dirs and compare what they serve with the fixture's manifest. One broker start
 * per test.
 */
class RealBrokerRepairTest {

    @TempDir
    Path tmp;

    /** The seed incident: every high-watermark checkpoint null-filled, and three kinds of broken quorum-state. */
    @Test
    void seedIncidentOnAThreeNodeQuorum() throws Exception {
        Manifest m = Fixtures.manifest("quorum3-4.3");
        Path root = Fixtures.copy("quorum3-4.3", tmp.resolve("q"));
        List<Path> dirs = m.nodes().stream().map(n -> root.resolve(n.logDir())).toList();
        for (Path d : dirs) Corruption.REPL_CKPT_NULL_FILL.apply(d);
        Corruption.QS_EMPTY_CLUSTER_ID_EPOCH_0.apply(dirs.get(0));
        Corruption.QS_EPOCH_FAR_AHEAD.apply(dirs.get(1));
        Applied nulled = Corruption.QS_NULL_FILL.apply(dirs.get(2));

        Report before = LogDirChecker.check(dirs.toArray(Path[]::new));
        RepairPlan plan = RepairPlanner.plan(before, RepairOptions.defaults(tmp.resolve("outside")));
        for (Path d : dirs) {
            assertTrue(plan.steps().stream().anyMatch(s -> s.action().path().equals(d.resolve("replication-offset-checkpoint"))),
                    "the high watermarks of " + d + " are rebuilt");
        }
        assertTrue(plan.steps().stream().anyMatch(s -> s.action().path().equals(nulled.path())), "the null-filled quorum-state is rewritten");
        ApplyAndVerify.Outcome done = ApplyAndVerify.apply(before, plan, dirs, tmp.resolve("outside"), tmp.resolve("backup"));
        assertTrue(done.applied().applied(), done.applied().failure());
        assertTrue(done.leftovers().isEmpty(), "left: " + done.leftovers());

        try (BrokerHarness h = BrokerHarness.start(m, root)) {
            Outcome o = h.awaitOutcome(Duration.ofSeconds(150));
            assertTrue(o.started(), () -> o + "\n" + h.log(o.nodeId()));
            assertTrue(m.quorum().voters().contains(h.quorum().leaderId()), "a leader is elected");
            assertEquals(BrokerHarness.byName(BrokerHarness.expectedEndOffsets(m)), BrokerHarness.byName(h.awaitEndOffsets(BrokerHarness.expectedEndOffsets(m), Duration.ofSeconds(60))));

            // step 1 of the protocol: while the brokers run, their dirs are refused and nothing changes
            Path qs = dirs.get(0).resolve("__cluster_metadata-0/quorum-state");
            RepairPlan any = RepairPlan.of(RepairPlan.Step.of(new RepairAction.WriteFile(qs, new byte[] {'x'}, Provenance.of("test")), "x"));
            RepairRefusedException refused = assertThrows(RepairRefusedException.class,
                    () -> RepairExecutor.apply(any, dirs, tmp.resolve("backup-while-running")));
            assertTrue(refused.getMessage().contains("lock"), refused.getMessage());
        }
    }

    /**
     * A single node with several repairable findings at once; the CRC flip mid-log is repaired with the truncate
     * policy, and the broker serves exactly the records before the damage, as the plan said beforehand.
     */
    @Test
    void singleNodeRoundTripServesWhatThePlanPromised() throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-kill");
        Path root = Fixtures.copy("single-4.3-kill", tmp.resolve("s"));
        Path dir = root.resolve(m.firstNode().logDir());
        Applied flip = Corruption.SEG_CRC_FLIP_MIDDLE.apply(dir);
        Corruption.REPL_CKPT_NULL_FILL.apply(dir);
        Corruption.RECOVERY_CKPT_COUNT_MISMATCH.apply(dir);
        Corruption.PM_NULL_FILL.apply(dir);
        long kafkaCut = SegmentPlannerTest.kafkaPrefix(flip.path()).nextOffset();

        Report before = LogDirChecker.check(dir);
        RepairPlan plan = RepairPlanner.plan(before, RepairOptions.defaults(tmp.resolve("outside")).withPolicy(LossPolicy.TRUNCATE));
        long promised = promisedEnd(plan, "orders-0");
        assertEquals(kafkaCut, promised, "the plan cuts where Kafka's own reader finds the first bad batch");
        ApplyAndVerify.Outcome done = ApplyAndVerify.apply(before, plan, List.of(dir), tmp.resolve("outside"), tmp.resolve("backup"));
        assertTrue(done.applied().applied(), done.applied().failure());
        assertTrue(done.leftovers().isEmpty(), "left: " + done.leftovers());
        assertEquals(1, done.salvaged().size(), "the batches beyond the damage are saved");

        Map<TopicPartition, Long> expected = BrokerHarness.expectedEndOffsets(m);
        expected.put(new TopicPartition("orders", 0), promised);
        try (BrokerHarness h = BrokerHarness.start(m, root)) {
            Outcome o = h.awaitOutcome(Duration.ofSeconds(120));
            assertTrue(o.started(), () -> o + "\n" + h.log(m.firstNode().nodeId()));
            assertEquals(BrokerHarness.byName(expected), BrokerHarness.byName(h.awaitEndOffsets(expected, Duration.ofSeconds(60))));
        }
    }

    /**
     * A dir after a clean shutdown: a zero tail on an active segment (fatal at startup under the marker) is cut at no
     * cost whatever the policy, the damaged newest snapshot is moved aside, both epoch caches are rebuilt from the
     * batches; the broker serves every record of the manifest.
     */
    @Test
    void cleanShutdownDirLosesNothing() throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-clean");
        Path root = Fixtures.copy("single-4.3-clean", tmp.resolve("c"));
        Path dir = root.resolve(m.firstNode().logDir());
        Applied zeros = Corruption.SEG_ZERO_TAIL.apply(dir);
        Applied snap = Corruption.SNAPSHOT_CRC_FLIP.apply(dir);
        Applied lec = Corruption.LEC_NULL_FILL.apply(dir);
        Applied mlec = Corruption.META_LEC_NULL_FILL.apply(dir);

        Report before = LogDirChecker.check(dir);
        RepairPlan plan = RepairPlanner.plan(before, RepairOptions.defaults(tmp.resolve("outside")));
        for (Applied a : List.of(zeros, snap, lec, mlec)) {
            assertTrue(plan.steps().stream().anyMatch(s -> s.action().path().equals(a.path())), a.name() + " is repaired: " + plan.notRepaired());
        }
        assertTrue(plan.recordsLost().stream().anyMatch(l -> l.contains("no record lost")), plan.recordsLost().toString());
        ApplyAndVerify.Outcome done = ApplyAndVerify.apply(before, plan, List.of(dir), tmp.resolve("outside"), tmp.resolve("backup"));
        assertTrue(done.applied().applied(), done.applied().failure());

        try (BrokerHarness h = BrokerHarness.start(m, root)) {
            Outcome o = h.awaitOutcome(Duration.ofSeconds(120));
            assertTrue(o.started(), () -> o + "\n" + h.log(m.firstNode().nodeId()));
            assertEquals(BrokerHarness.byName(BrokerHarness.expectedEndOffsets(m)), BrokerHarness.byName(h.awaitEndOffsets(BrokerHarness.expectedEndOffsets(m), Duration.ofSeconds(60))));
        }
    }

    /** Excision keeps every valid batch after the flipped bit: the log ends where it did, with a gap where the batch was. */
    @Test
    void exciseKeepsTheEndOfTheLog() throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-kill");
        Path root = Fixtures.copy("single-4.3-kill", tmp.resolve("e"));
        Path dir = root.resolve(m.firstNode().logDir());
        Corruption.SEG_CRC_FLIP_MIDDLE.apply(dir);
        Report before = LogDirChecker.check(dir);
        RepairPlan plan = RepairPlanner.plan(before, RepairOptions.defaults(tmp.resolve("outside")).withPolicy(LossPolicy.EXCISE));
        assertTrue(plan.recordsLost().stream().anyMatch(l -> l.startsWith("orders-0: in orders-0/") && l.contains("are cut out")),
                plan.recordsLost().toString());
        ApplyAndVerify.Outcome done = ApplyAndVerify.apply(before, plan, List.of(dir), tmp.resolve("outside"), tmp.resolve("backup"));
        assertTrue(done.applied().applied(), done.applied().failure());
        try (BrokerHarness h = BrokerHarness.start(m, root)) {
            Outcome o = h.awaitOutcome(Duration.ofSeconds(120));
            assertTrue(o.started(), () -> o + "\n" + h.log(m.firstNode().nodeId()));
            assertEquals(BrokerHarness.byName(BrokerHarness.expectedEndOffsets(m)), BrokerHarness.byName(h.awaitEndOffsets(BrokerHarness.expectedEndOffsets(m), Duration.ofSeconds(60))));
        }
    }

    /** The log end offset the plan states for a partition: the first offset it says is dropped. */
    static long promisedEnd(RepairPlan plan, String partition) {
        Matcher x = Pattern.compile(Pattern.quote(partition) + ": offsets (\\d+)\\.\\.(\\d+) are dropped").matcher(String.join("\n", plan.recordsLost()));
        assertTrue(x.find(), "the plan states the loss of " + partition + ": " + plan.recordsLost());
        return Long.parseLong(x.group(1));
    }


}
