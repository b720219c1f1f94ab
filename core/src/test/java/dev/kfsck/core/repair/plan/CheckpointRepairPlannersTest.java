package dev.kfsck.core.repair.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairPlan;
import dev.kfsck.testdata.corrupt.Corruption;
import dev.kfsck.testdata.corrupt.Damage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.storage.internals.checkpoint.OffsetCheckpointFile;
import org.apache.kafka.storage.internals.log.LogDirFailureChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which checkpoint findings start a rewrite, and the values the rewrite takes, read back with Kafka's own reader. */
class CheckpointRepairPlannersTest {

    private static final String HW = "replication-offset-checkpoint";
    private static final String RP = "recovery-point-offset-checkpoint";

    @TempDir
    Path tmp;

    @Test
    void logStartPastTheFilesDoesNotDragTheHighWatermarkPastTheEnd() throws Exception {
        Path dir = EvidencePlannersTest.copy("single-4.3-kill", tmp.resolve("c"), -1);
        Map<TopicPartition, Long> before = kafkaRead(dir.resolve(HW));
        Corruption.LSO_BEYOND_END.apply(dir);
        Damage.truncateAt(dir, HW, Files.size(dir.resolve(HW)) - 1); // rewritten too, its old values kept

        ApplyAndVerify.Outcome o = ApplyAndVerify.run(List.of(dir), RepairOptions.defaults(tmp.resolve("out")), tmp.resolve("b"));

        assertTrue(o.clean(), () -> "left: " + o.leftovers() + " / " + o.plan().notRepaired());
        assertEquals(List.of(), o.appeared(), "the rewrite itself makes no new finding (such as a high watermark past the end)");
        assertEquals(before, kafkaRead(dir.resolve(HW)), "every high watermark is the broker's own again, orders-0's included");
        assertEquals(0L, kafkaRead(dir.resolve("log-start-offset-checkpoint")).get(new TopicPartition("orders", 0)));
    }

    @Test
    void aCutLastNewlineAloneIsRewrittenWithTheSameValues() throws Exception {
        Path dir = EvidencePlannersTest.copy("single-4.3-kill", tmp.resolve("c"), -1);
        Map<TopicPartition, Long> before = kafkaRead(dir.resolve(RP));
        Damage.truncateAt(dir, RP, Files.size(dir.resolve(RP)) - 1);

        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(dir), RepairOptions.defaults(tmp.resolve("out")));

        RepairPlan.Step s = EvidencePlannersTest.stepOn(plan, dir.resolve(RP));
        assertEquals(List.of("CKPT-TRUNCATED"), s.resolves().stream().map(f -> f.code().id()).toList());
        Path written = tmp.resolve("written");
        Files.write(written, ((RepairAction.WriteFile) s.action()).newBytes());
        assertEquals(before, kafkaRead(written));
    }

    @Test
    void aDuplicateLineIsRewrittenKeepingTheLaterValueAsKafkaDoes() throws Exception {
        Path dir = EvidencePlannersTest.copy("single-4.3-kill", tmp.resolve("c"), -1);
        List<String> lines = Files.readAllLines(dir.resolve(HW));
        String[] first = lines.get(2).split(" ");
        long lower = Long.parseLong(first[2]) / 2;
        Damage.replaceLine(dir, HW, 1, Integer.toString(lines.size() - 1));
        Damage.appendLine(dir, HW, first[0] + " " + first[1] + " " + lower);
        Map<TopicPartition, Long> kafka = kafkaRead(dir.resolve(HW));

        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(dir), RepairOptions.defaults(tmp.resolve("out")));

        Path written = tmp.resolve("written");
        Files.write(written, ((RepairAction.WriteFile) EvidencePlannersTest.stepOn(plan, dir.resolve(HW)).action()).newBytes());
        assertEquals(kafka, kafkaRead(written));
    }

    @Test
    void aHighWatermarkPastTheEndAloneIsLeftAsEvidence() throws Exception {
        Path dir = EvidencePlannersTest.copy("single-4.3-kill", tmp.resolve("c"), -1);
        List<String> lines = Files.readAllLines(dir.resolve(HW));
        String[] f = lines.get(2).split(" ");
        Damage.replaceLine(dir, HW, 2, f[0] + " " + f[1] + " " + (Long.parseLong(f[2]) + 1000));

        Report r = LogDirChecker.check(dir);
        RepairPlan plan = RepairPlanner.plan(r, RepairOptions.defaults(tmp.resolve("out")));

        assertTrue(r.findings().stream().anyMatch(x -> x.code().id().equals("XFILE-HW-BEYOND-LOG-END")), r.findings().toString());
        assertTrue(plan.steps().stream().noneMatch(s -> s.action().path().equals(dir.resolve(HW))), plan.steps().toString());
    }

    @Test
    void aMissingLeaderEpochCheckpointGetsBackTheBytesKafkaWrote() throws Exception {
        Path dir = EvidencePlannersTest.copy("single-4.3-kill", tmp.resolve("c"), -1);
        String lec = "orders-1/leader-epoch-checkpoint";
        byte[] original = Files.readAllBytes(dir.resolve(lec));
        Damage.remove(dir, lec);

        ApplyAndVerify.Outcome o = ApplyAndVerify.run(List.of(dir), RepairOptions.defaults(tmp.resolve("out")), tmp.resolve("b"));

        assertTrue(o.clean(), () -> "left: " + o.leftovers() + " / " + o.plan().notRepaired());
        assertEquals(List.of("LEC-MISSING"), EvidencePlannersTest.stepOn(o.plan(), dir.resolve(lec)).resolves().stream()
                .map(f -> f.code().id()).toList());
        assertArrayEquals(original, Files.readAllBytes(dir.resolve(lec)));
    }

    private static Map<TopicPartition, Long> kafkaRead(Path file) throws Exception {
        return new OffsetCheckpointFile(file.toFile(), new LogDirFailureChannel(1)).read();
    }
}
