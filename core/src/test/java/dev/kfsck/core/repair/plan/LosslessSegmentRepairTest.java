package dev.kfsck.core.repair.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairPlan;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import dev.kfsck.testdata.corrupt.Damage;
import dev.kfsck.testdata.corrupt.Targets;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segment repairs that change no record: a batch magic byte set back to 2, a segment renamed to its first offset. */
class LosslessSegmentRepairTest {

    static final String SCENARIO = "single-4.3-kill";
    static final String MIDDLE = "orders-1/00000000000000000164.log";

    @TempDir
    Path tmp;
    Path logDir;
    Path original;

    @BeforeEach
    void copy() {
        Manifest m = Fixtures.manifest(SCENARIO);
        logDir = Fixtures.copy(SCENARIO, tmp.resolve("copy")).resolve(m.firstNode().logDir());
        original = Fixtures.copy(SCENARIO, tmp.resolve("original")).resolve(m.firstNode().logDir());
    }

    @Test
    void aMagicByteIsSetBackWhenTheCrcVerifiesTheRest() throws Exception {
        Targets.Batch b = Targets.batches(logDir.resolve(MIDDLE)).get(10);
        Damage.flipBit(logDir, MIDDLE, b.position() + 16, 0);
        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(logDir), RepairOptions.defaults(tmp.resolve("out")));

        RepairPlan.Step step = stepOn(plan, logDir.resolve(MIDDLE));
        assertTrue(step.resolves().stream().anyMatch(f -> f.code().id().equals("SEG-UNKNOWN-MAGIC")), step.resolves().toString());
        assertTrue(step.recordsLost().isEmpty());
        byte[] written = ((RepairAction.WriteFile) step.action()).newBytes();
        assertArrayEquals(Files.readAllBytes(original.resolve(MIDDLE)), written, "the segment is as the broker wrote it");
        Path out = tmp.resolve("fixed.log");
        Files.write(out, written);
        try (FileRecords fr = FileRecords.open(new File(out.toString()), false)) {
            for (RecordBatch batch : fr.batches()) {
                assertEquals(RecordBatch.MAGIC_VALUE_V2, batch.magic());
                assertTrue(batch.isValid(), "Kafka verifies every batch");
            }
        }
    }

    @Test
    void aMagicByteIsLeftAloneWhenTheBatchChangedSinceTheCheck() throws Exception {
        Targets.Batch b = Targets.batches(logDir.resolve(MIDDLE)).get(10);
        Damage.flipBit(logDir, MIDDLE, b.position() + 16, 0);
        Report report = LogDirChecker.check(logDir);
        Damage.flipBit(logDir, MIDDLE, b.position() + Targets.BATCH_HEADER + 5, 1); // more rot after the check
        RepairPlan plan = RepairPlanner.plan(report, RepairOptions.defaults(tmp.resolve("out")));

        assertTrue(plan.steps().stream().noneMatch(s -> s.action().path().equals(logDir.resolve(MIDDLE))), "nothing unproven is written");
        assertTrue(plan.notRepaired().stream().anyMatch(u -> u.finding().code().id().equals("SEG-UNKNOWN-MAGIC")
                && u.reason().contains("CRC-32C does not verify")), plan.notRepaired().toString());
    }

    @Test
    void aSegmentNamedAboveItsFirstBatchGetsTheFirstBatchsName() throws Exception {
        String folder = "customers-0";
        String right = folder + "/00000000000000000800.log";
        byte[] bytes = Files.readAllBytes(logDir.resolve(right));
        renameSegment(logDir.resolve(folder), "00000000000000000800", "00000000000000000801");

        ApplyAndVerify.Outcome done = ApplyAndVerify.run(List.of(logDir), RepairOptions.defaults(tmp.resolve("out")), tmp.resolve("backup"));
        assertTrue(done.plan().steps().stream().anyMatch(s -> s.resolves().stream()
                .anyMatch(f -> f.code().id().equals("SEG-FIRST-OFFSET-BELOW-BASE"))), done.plan().steps().toString());
        assertTrue(done.applied().applied(), () -> "applied: " + done.applied());
        assertArrayEquals(bytes, Files.readAllBytes(logDir.resolve(right)), "the same bytes under the right name");
        assertFalse(Files.exists(logDir.resolve(folder + "/00000000000000000801.log")));
        assertFalse(Files.exists(logDir.resolve(folder + "/00000000000000000801.index")), "the misplaced index is gone");
        List<Finding> left = done.after().findings().stream()
                .filter(f -> f.location().file().startsWith(folder + "/") && f.severity() != Severity.INFO)
                .filter(f -> !f.code().id().equals("LAYOUT-INDEX-MISSING")) // Kafka rebuilds it for the new name
                .toList();
        assertTrue(left.isEmpty(), "nothing left on " + folder + " but the index Kafka rebuilds: " + left);
    }

    @Test
    void aRenameThatWouldPutTheSegmentAfterAnotherIsRefused() throws Exception {
        // the middle segment of orders-1 (164..635) renamed above the last one (636): two segments would share offsets
        renameSegment(logDir.resolve("orders-1"), "00000000000000000164", "00000000000000000640");
        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(logDir), RepairOptions.defaults(tmp.resolve("out")));
        assertTrue(plan.steps().stream().noneMatch(s -> s.action().path().getFileName().toString().startsWith("00000000000000000164.")),
                "no segment is written under the first batch's name: " + plan.steps());
        assertTrue(plan.notRepaired().stream().anyMatch(u -> u.finding().code().id().equals("SEG-FIRST-OFFSET-BELOW-BASE")
                && u.reason().contains("segment 636")), plan.notRepaired().toString());
    }

    @Test
    void anUnpaddedSegmentNameIsReportedAndPaddedAgain() throws Exception {
        String right = "orders-2/00000000000000000655.log";
        byte[] bytes = Files.readAllBytes(logDir.resolve(right));
        Files.move(logDir.resolve(right), logDir.resolve("orders-2/655.log"));
        Report report = LogDirChecker.check(logDir);
        Finding f = report.findings().stream().filter(x -> x.code().id().equals("SEG-BAD-FILE-NAME")).findFirst().orElseThrow();
        assertEquals("orders-2/655.log", f.location().file());
        // a 4.3.1 broker opens an empty 00000000000000000655.log instead and serves orders-2 up to offset 655 only
        assertEquals(dev.kfsck.core.finding.KafkaReaction.TRUNCATES_ON_RECOVERY, f.reaction());

        ApplyAndVerify.Outcome done = ApplyAndVerify.run(List.of(logDir), RepairOptions.defaults(tmp.resolve("out")), tmp.resolve("backup"));
        assertTrue(done.applied().applied(), () -> "applied: " + done.applied());
        assertArrayEquals(bytes, Files.readAllBytes(logDir.resolve(right)), "the segment is back under its padded name");
        assertFalse(Files.exists(logDir.resolve("orders-2/655.log")));
        assertTrue(done.after().findings().stream().noneMatch(x -> x.code().id().equals("SEG-BAD-FILE-NAME")));
    }

    @Test
    void aCopyOfASegmentUnderAnotherNameIsMovedOut() throws Exception {
        String copy = "orders-1/copy-of-00000000000000000636.log";
        Files.copy(logDir.resolve("orders-1/00000000000000000636.log"), logDir.resolve(copy));
        Finding f = LogDirChecker.check(logDir).findings().stream().filter(x -> x.code().id().equals("SEG-BAD-FILE-NAME"))
                .findFirst().orElseThrow();
        // a 4.3.1 broker exits on it: NumberFormatException while loading the logs
        assertEquals(dev.kfsck.core.finding.KafkaReaction.STARTUP_FATAL, f.reaction());

        Path out = tmp.resolve("out");
        ApplyAndVerify.Outcome done = ApplyAndVerify.run(List.of(logDir), RepairOptions.defaults(out), tmp.resolve("backup"));
        RepairAction.MoveOut move = done.plan().steps().stream().map(RepairPlan.Step::action)
                .filter(a -> a instanceof RepairAction.MoveOut m && m.path().equals(logDir.resolve(copy)))
                .map(a -> (RepairAction.MoveOut) a).findFirst().orElseThrow(() -> new AssertionError(done.plan().steps().toString()));
        assertTrue(done.applied().applied(), () -> "applied: " + done.applied());
        assertFalse(Files.exists(logDir.resolve(copy)));
        assertArrayEquals(Files.readAllBytes(original.resolve("orders-1/00000000000000000636.log")), Files.readAllBytes(move.destination()),
                "the copy is kept outside the log dir");
        assertArrayEquals(Files.readAllBytes(original.resolve("orders-1/00000000000000000636.log")),
                Files.readAllBytes(logDir.resolve("orders-1/00000000000000000636.log")), "the segment itself is untouched");
    }

    @Test
    void aMisnamedSegmentBeyondATruncationIsMovedOutAndItsRecordsCounted() throws Exception {
        String seg = "orders-2/00000000000000000183.log";
        Targets.Batch b = Targets.batches(logDir.resolve(seg)).get(13);
        Damage.nullFillRange(logDir, seg, b.position() + 8, 4);
        Files.move(logDir.resolve("orders-2/00000000000000000655.log"), logDir.resolve("orders-2/655.log"));
        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(logDir),
                RepairOptions.defaults(tmp.resolve("out")).withPolicy(LossPolicy.TRUNCATE));
        assertTrue(plan.steps().stream().anyMatch(s -> s.action() instanceof RepairAction.MoveOut m
                && m.path().equals(logDir.resolve("orders-2/655.log"))), "the misnamed last segment goes out with the cut: " + plan.steps());
        assertTrue(plan.steps().stream().noneMatch(s -> s.action().path().equals(logDir.resolve("orders-2/00000000000000000655.log"))),
                "no segment comes back beyond the cut");
        long end = Fixtures.manifest(SCENARIO).topic("orders").orElseThrow().partitions().get(2).endOffset();
        assertTrue(plan.recordsLost().stream().anyMatch(l -> l.startsWith("orders-2: offsets 655.." + (end - 1) + " are dropped")),
                plan.recordsLost().toString());
    }

    private static void renameSegment(Path folder, String from, String to) throws Exception {
        for (String suffix : List.of(".log", ".index", ".timeindex", ".txnindex")) {
            Path p = folder.resolve(from + suffix);
            if (Files.exists(p)) Files.move(p, folder.resolve(to + suffix));
        }
    }

    private static RepairPlan.Step stepOn(RepairPlan plan, Path file) {
        return plan.steps().stream().filter(s -> s.action().path().equals(file)).findFirst()
                .orElseThrow(() -> new AssertionError("no step on " + file + ": " + plan.steps()));
    }
}
