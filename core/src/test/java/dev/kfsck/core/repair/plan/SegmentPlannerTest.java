package dev.kfsck.core.repair.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairPlan;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import dev.kfsck.testdata.corrupt.Applied;
import dev.kfsck.testdata.corrupt.Corruption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segment repairs planned on a real broker's log dir with a bit flipped mid-log, checked against Kafka's own reader. */
class SegmentPlannerTest {

    static final String SCENARIO = "single-4.3-kill";

    @TempDir
    Path tmp;
    Path logDir;
    Applied damage;

    @BeforeEach
    void corrupt() {
        Manifest m = Fixtures.manifest(SCENARIO);
        Path copy = Fixtures.copy(SCENARIO, tmp.resolve("copy"));
        logDir = copy.resolve(m.firstNode().logDir());
        damage = Corruption.SEG_CRC_FLIP_MIDDLE.apply(logDir);
    }

    /** Kafka's view of the damaged segment: batches in order until the first whose CRC fails. */
    record KafkaPrefix(long validBytes, long nextOffset, int batchesAfter, long lastOffsetAfter) {
    }

    static KafkaPrefix kafkaPrefix(Path segment) throws Exception {
        long valid = 0;
        long next = -1;
        boolean broken = false;
        int after = 0;
        long lastAfter = -1;
        try (FileRecords fr = FileRecords.open(segment.toFile(), false, true, 0, false)) {
            for (var b : fr.batches()) {
                if (!broken && b.isValid()) {
                    valid = b.position() + b.sizeInBytes();
                    next = b.nextOffset();
                } else if (!broken) {
                    broken = true;
                } else if (b.isValid()) {
                    after++;
                    lastAfter = b.lastOffset();
                }
            }
        }
        return new KafkaPrefix(valid, next, after, lastAfter);
    }

    /** One batch as Kafka's FileRecords reads it. */
    record KafkaBatch(boolean valid, long lastOffset) {
    }

    static List<KafkaBatch> batches(Path segment) throws Exception {
        List<KafkaBatch> out = new ArrayList<>();
        try (FileRecords fr = FileRecords.open(segment.toFile(), false, true, 0, false)) {
            for (RecordBatch b : fr.batches()) out.add(new KafkaBatch(b.isValid(), b.lastOffset()));
        }
        return out;
    }

    @Test
    void withoutPolicyNothingLossyIsPlannedAndTheCostIsStated() throws Exception {
        Report report = LogDirChecker.check(logDir);
        RepairPlan plan = RepairPlanner.plan(report, RepairOptions.defaults(tmp.resolve("out")));
        assertTrue(plan.steps().stream().noneMatch(s -> s.action().path().toString().contains("orders-0/")),
                "no step touches the damaged partition: " + plan.steps());
        var unrepaired = plan.notRepaired().stream().filter(u -> u.finding().location().file().equals(damage.file())).toList();
        assertFalse(unrepaired.isEmpty(), "the CRC damage is listed as not repaired");
        KafkaPrefix k = kafkaPrefix(damage.path());
        String reason = unrepaired.get(0).reason();
        assertTrue(reason.contains("offsets " + k.nextOffset() + ".."), reason);
        assertTrue(reason.contains("--policy truncate") && reason.contains("--policy excise"), reason);
    }

    @Test
    void truncateCutsWhereKafkaWouldAndMovesLaterSegmentsOut() throws Exception {
        Report report = LogDirChecker.check(logDir);
        Path out = tmp.resolve("out");
        RepairPlan plan = RepairPlanner.plan(report, RepairOptions.defaults(out).withPolicy(LossPolicy.TRUNCATE));
        KafkaPrefix k = kafkaPrefix(damage.path());

        RepairAction.TruncateFile cut = plan.steps().stream().map(RepairPlan.Step::action)
                .filter(a -> a instanceof RepairAction.TruncateFile t && t.path().equals(damage.path()))
                .map(a -> (RepairAction.TruncateFile) a).findFirst().orElseThrow();
        assertEquals(k.validBytes(), cut.newLength(), "cut after the last batch Kafka accepts");
        String description = plan.steps().stream().filter(st -> st.action() == cut).findFirst().orElseThrow().description();
        assertTrue(description.contains("would not check this segment at startup (it lies below the recovery point)"),
                "the first segment lies below the recovery point of orders-0, so Kafka would serve the damage: " + description);

        long oldEnd = Fixtures.manifest(SCENARIO).topic("orders").orElseThrow().partitions().get(0).endOffset();
        String lost = String.join("\n", plan.recordsLost());
        assertTrue(lost.contains("orders-0: offsets " + k.nextOffset() + ".." + (oldEnd - 1) + " are dropped"), lost);
        assertTrue(lost.contains(k.batchesAfter() + " valid batches found beyond the damage"), lost);

        List<Path> moved = plan.steps().stream().map(RepairPlan.Step::action).filter(a -> a instanceof RepairAction.MoveOut)
                .map(RepairAction::path).toList();
        try (var s = Files.list(logDir.resolve("orders-0"))) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.matches("\\d{20}\\.(log|index|timeindex)") && !n.startsWith(damage.path().getFileName().toString().substring(0, 20))) {
                    assertTrue(moved.contains(p), n + " (after the cut) is moved out");
                }
            }
        }
        assertTrue(plan.steps().stream().anyMatch(st -> st.action() instanceof RepairAction.DeleteFile d
                && d.path().getFileName().toString().endsWith(".index") && d.path().getParent().endsWith("orders-0")));

        List<Salvage.Saved> saved = Salvage.save(plan, List.of(logDir), out);
        assertEquals(1, saved.size());
        List<KafkaBatch> salvaged = batches(saved.get(0).file());
        assertEquals(k.batchesAfter(), salvaged.size());
        assertTrue(salvaged.stream().allMatch(KafkaBatch::valid));
        assertEquals(k.lastOffsetAfter(), salvaged.get(salvaged.size() - 1).lastOffset());
    }

    @Test
    void exciseKeepsEveryValidBatch() throws Exception {
        List<KafkaBatch> before = batches(damage.path());
        long validBefore = before.stream().filter(KafkaBatch::valid).count();
        Report report = LogDirChecker.check(logDir);
        RepairPlan plan = RepairPlanner.plan(report, RepairOptions.defaults(tmp.resolve("out")).withPolicy(LossPolicy.EXCISE));
        RepairAction.WriteFile w = plan.steps().stream().map(RepairPlan.Step::action)
                .filter(a -> a instanceof RepairAction.WriteFile x && x.path().equals(damage.path()))
                .map(a -> (RepairAction.WriteFile) a).findFirst().orElseThrow();
        Path rewritten = tmp.resolve("excised.log");
        Files.write(rewritten, w.newBytes());
        List<KafkaBatch> after = batches(rewritten);
        assertEquals(validBefore, after.size());
        assertTrue(after.stream().allMatch(KafkaBatch::valid), "Kafka accepts every batch left");
        assertEquals(before.get(before.size() - 1).lastOffset(), after.get(after.size() - 1).lastOffset());
        assertTrue(plan.steps().stream().noneMatch(s -> s.action() instanceof RepairAction.MoveOut), "later segments stay");
    }
}
