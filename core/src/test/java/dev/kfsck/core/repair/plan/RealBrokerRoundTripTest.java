package dev.kfsck.core.repair.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.repair.RepairPlan;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import dev.kfsck.testdata.broker.BrokerHarness;
import dev.kfsck.testdata.broker.Outcome;
import dev.kfsck.testdata.corrupt.Applied;
import dev.kfsck.testdata.corrupt.Corruption;
import dev.kfsck.testdata.corrupt.Damage;
import dev.kfsck.core.repair.plan.trips.ProvesRepairOf;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A round trip per repairable finding on real broker data: damage a fresh copy of a fixture, see the check report
 * the expected code, repair with {@link ApplyAndVerify}, and start real Kafka 4.3.1 on the result. Corruptions of
 * different files share one broker start.
 */
class RealBrokerRoundTripTest {

    @TempDir
    Path tmp;

    /**
     * Garbage offset index, flipped producer snapshot, checkpoint count off by one, a log start offset past the end
     * and a null-filled cleaner checkpoint, all in one dir of a killed broker: none of them costs a record.
     */
    @Test
    void killedDirWithDamagedSideFilesLosesNothing() throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-kill");
        Path root = Fixtures.copy("single-4.3-kill", tmp.resolve("k"));
        Path dir = root.resolve(m.firstNode().logDir());
        Applied index = Corruption.INDEX_GARBAGE.apply(dir);
        Applied psnap = Corruption.PRODUCER_SNAPSHOT_CRC_FLIP.apply(dir);
        Applied count = Corruption.RECOVERY_CKPT_COUNT_MISMATCH.apply(dir);
        Applied lso = Corruption.LSO_BEYOND_END.apply(dir);
        Applied cleaner = Damage.nullFillFile(dir, "cleaner-offset-checkpoint");

        Report before = LogDirChecker.check(dir);
        assertTrue(codesAt(before, index).stream().anyMatch(c -> c.startsWith("IDX-")), codesAt(before, index).toString());
        assertTrue(codesAt(before, psnap).contains("PSNAP-CRC-MISMATCH"), codesAt(before, psnap).toString());
        assertTrue(codesAt(before, count).contains("CKPT-COUNT-MISMATCH"), codesAt(before, count).toString());
        assertTrue(codes(before).contains("XFILE-LOG-START-BEYOND-LOG-END"), codes(before).toString());
        assertTrue(codesAt(before, cleaner).contains("CKPT-NULL-BYTES"), codesAt(before, cleaner).toString());

        ApplyAndVerify.Outcome done = repaired(List.of(dir), RepairOptions.defaults(tmp.resolve("outside")));
        for (Applied a : List.of(index, psnap, count, lso, cleaner)) {
            assertTrue(done.plan().steps().stream().anyMatch(s -> s.action().path().equals(a.path())),
                    a.name() + " is repaired: " + done.plan().notRepaired());
        }
        assertServes(m, root, BrokerHarness.expectedEndOffsets(m));
    }

    /** A torn last batch, cut with the truncate policy: the broker ends the log where the plan said it would. */
    @Test
    void tornTailIsCutWhereThePlanSaid() throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-kill");
        Path root = Fixtures.copy("single-4.3-kill", tmp.resolve("t"));
        Path dir = root.resolve(m.firstNode().logDir());
        Applied torn = Corruption.SEG_TRUNCATED_TAIL.apply(dir);
        String partition = torn.file().substring(0, torn.file().indexOf('/'));

        Report before = LogDirChecker.check(dir);
        assertTrue(codesAt(before, torn).contains("SEG-TORN-TAIL"), codesAt(before, torn).toString());
        ApplyAndVerify.Outcome done = repaired(List.of(dir), RepairOptions.defaults(tmp.resolve("outside")).withPolicy(LossPolicy.TRUNCATE));
        long promised = promisedEnd(done.plan(), partition);
        Matcher tornBase = Pattern.compile("base offset (\\d+)").matcher(torn.description());
        assertTrue(tornBase.find(), torn.description());
        assertEquals(Long.parseLong(tornBase.group(1)), promised, "the log ends where the torn batch began");

        Map<TopicPartition, Long> expected = BrokerHarness.expectedEndOffsets(m);
        TopicPartition tp = new TopicPartition(partition.substring(0, partition.lastIndexOf('-')),
                Integer.parseInt(partition.substring(partition.lastIndexOf('-') + 1)));
        assertTrue(promised < expected.get(tp), "the torn batch is lost: " + promised + " < " + expected.get(tp));
        expected.put(tp, promised);
        assertServes(m, root, expected);
    }

    /** Garbage index after a clean shutdown: Kafka would trust it, so the repair must make it rebuild it. */
    @Test
    void garbageIndexAfterCleanShutdownIsRebuilt() throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-clean");
        Path root = Fixtures.copy("single-4.3-clean", tmp.resolve("c"));
        Path dir = root.resolve(m.firstNode().logDir());
        Applied index = Corruption.INDEX_GARBAGE.apply(dir);

        Report before = LogDirChecker.check(dir);
        assertTrue(codesAt(before, index).stream().anyMatch(c -> c.startsWith("IDX-")), codesAt(before, index).toString());
        ApplyAndVerify.Outcome done = repaired(List.of(dir), RepairOptions.defaults(tmp.resolve("outside")));
        assertTrue(done.plan().steps().stream().anyMatch(s -> s.action().path().equals(index.path())), done.plan().toString());
        assertServes(m, root, BrokerHarness.expectedEndOffsets(m));
    }

    /**
     * A transaction index whose first entry has a non-zero version byte (Kafka throws "Unexpected aborted transaction
     * version" on reading it): the repair removes the segment's indexes so that Kafka recovers the segment and
     * rebuilds them from the control batches.
     */
    @Test
    void damagedTransactionIndexIsRebuilt() throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-kill");
        Path root = Fixtures.copy("single-4.3-kill", tmp.resolve("x"));
        Path dir = root.resolve(m.firstNode().logDir());
        Applied txn = Damage.flipBit(dir, "payments-0/00000000000000000000.txnindex", 0, 0);

        Report before = LogDirChecker.check(dir);
        assertTrue(codesAt(before, txn).stream().anyMatch(c -> c.startsWith("TXN-")), codesAt(before, txn).toString());
        ApplyAndVerify.Outcome done = repaired(List.of(dir), RepairOptions.defaults(tmp.resolve("outside")));
        assertTrue(done.plan().steps().stream().anyMatch(s -> s.action().path().equals(txn.path())), done.plan().toString());
        assertServes(m, root, BrokerHarness.expectedEndOffsets(m));
    }

    /** meta.properties null-filled on one node of three: restored from the other two, and the quorum serves it all. */
    @Test
    @ProvesRepairOf("META-NULL-BYTES")
    void nullFilledMetaPropertiesIsRestoredFromThePeers() throws Exception {
        Manifest m = Fixtures.manifest("quorum3-4.3");
        Path root = Fixtures.copy("quorum3-4.3", tmp.resolve("q"));
        List<Path> dirs = m.nodes().stream().map(n -> root.resolve(n.logDir())).toList();
        Applied meta = Corruption.META_PROPS_NULL_FILL.apply(dirs.get(1));

        Report before = LogDirChecker.check(dirs.toArray(Path[]::new));
        assertTrue(codesAt(before, meta).contains("META-NULL-BYTES"), codesAt(before, meta).toString());
        ApplyAndVerify.Outcome done = repaired(dirs, RepairOptions.defaults(tmp.resolve("outside")));
        assertTrue(done.plan().steps().stream().anyMatch(s -> s.action().path().equals(meta.path())), done.plan().notRepaired().toString());
        assertServes(m, root, BrokerHarness.expectedEndOffsets(m));
    }

    private ApplyAndVerify.Outcome repaired(List<Path> dirs, RepairOptions options) throws Exception {
        ApplyAndVerify.Outcome done = ApplyAndVerify.run(dirs, options, tmp.resolve("backup"));
        assertTrue(done.applied() != null && done.applied().applied(), () -> String.valueOf(done.applied()));
        assertTrue(done.leftovers().isEmpty(), "left: " + done.leftovers());
        List<Finding> errors = done.after().findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
        assertTrue(errors.isEmpty(), "errors after the repair: " + errors);
        return done;
    }

    private static void assertServes(Manifest m, Path root, Map<TopicPartition, Long> expected) throws Exception {
        try (BrokerHarness h = BrokerHarness.start(m, root)) {
            Outcome o = h.awaitOutcome(Duration.ofSeconds(150));
            assertTrue(o.started(), () -> o + "\n" + h.log(o.nodeId()));
            assertEquals(BrokerHarness.byName(expected), BrokerHarness.byName(h.awaitEndOffsets(expected, Duration.ofSeconds(60))));
        }
    }

    /** The log end offset the plan states for a torn tail: the offset from which the damaged tail is dropped. */
    private static long promisedEnd(RepairPlan plan, String partition) {
        Matcher x = Pattern.compile(Pattern.quote(partition) + ": the damaged tail from offset (\\d+) on is dropped")
                .matcher(String.join("\n", plan.recordsLost()));
        assertTrue(x.find(), "the plan states the loss of " + partition + ": " + plan.recordsLost());
        return Long.parseLong(x.group(1));
    }

    private static Set<String> codes(Report r) {
        return r.findings().stream().map(f -> f.code().id()).collect(Collectors.toSet());
    }

    /** Codes of the findings in the file a corruption touched. */
    private static Set<String> codesAt(Report r, Applied a) {
        Set<String> out = r.findings().stream()
                .filter(f -> Path.of(f.location().logDir()).resolve(f.location().file()).toAbsolutePath().normalize()
                        .equals(a.path().toAbsolutePath().normalize()))
                .map(f -> f.code().id()).collect(Collectors.toSet());
        return out;
    }
}
