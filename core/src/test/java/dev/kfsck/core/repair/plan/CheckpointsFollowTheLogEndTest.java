package dev.kfsck.core.repair.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.analysis.PartitionCodes;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairPlan;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import dev.kfsck.testdata.corrupt.Corruption;
import dev.kfsck.testdata.corrupt.Damage;
import dev.kfsck.testdata.corrupt.Targets;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.storage.internals.checkpoint.OffsetCheckpointFile;
import org.apache.kafka.storage.internals.log.LogDirFailureChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root offset checkpoints a repair writes describe the log as the repair leaves it: after a segment cut, and for a
 * partition whose log start lies past its files. Checked with Kafka's own checkpoint reader on the repaired copy.
 */
class CheckpointsFollowTheLogEndTest {

    static final String SCENARIO = "single-4.3-kill";
    static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);

    @TempDir
    Path tmp;
    Path logDir;
    Manifest manifest;

    @BeforeEach
    void copy() {
        manifest = Fixtures.manifest(SCENARIO);
        logDir = Fixtures.copy(SCENARIO, tmp.resolve("copy")).resolve(manifest.firstNode().logDir());
    }

    @Test
    void aTruncationLowersTheCheckpointedHighWatermarkToTheNewLogEnd() throws Exception {
        String seg = Targets.firstSegment(logDir, "orders-0");
        Targets.Batch b = Targets.middleBatch(logDir.resolve(seg));
        Damage.flipBit(logDir, seg, b.position() + Targets.BATCH_HEADER + 10, 3);
        long newEnd = SegmentPlannerTest.kafkaPrefix(logDir.resolve(seg)).nextOffset();
        Map<TopicPartition, Long> hwBefore = kafkaRead("replication-offset-checkpoint");
        assertTrue(hwBefore.get(ORDERS_0) > newEnd, "the fixture's high watermark lies past the cut: " + hwBefore);

        ApplyAndVerify.Outcome done = ApplyAndVerify.run(List.of(logDir),
                RepairOptions.defaults(tmp.resolve("out")).withPolicy(LossPolicy.TRUNCATE), tmp.resolve("backup"));
        RepairPlan plan = done.plan();
        assertTrue(plan.steps().stream().anyMatch(s -> s.action() instanceof RepairAction.WriteFile w
                && w.path().getFileName().toString().equals("replication-offset-checkpoint")), "the plan rewrites the high watermarks");

        Map<TopicPartition, Long> hw = kafkaRead("replication-offset-checkpoint");
        assertEquals(newEnd, hw.get(ORDERS_0), "the high watermark is the new log end");
        hwBefore.forEach((tp, v) -> {
            if (!tp.equals(ORDERS_0)) assertEquals(v, hw.get(tp), tp + " is kept as it was");
        });
        assertTrue(kafkaRead("recovery-point-offset-checkpoint").get(ORDERS_0) <= newEnd, "the recovery point is within the log");
        List<Finding> beyond = done.after().findings().stream()
                .filter(f -> f.code() == PartitionCodes.HW_BEYOND_LOG_END || f.code() == PartitionCodes.RECOVERY_POINT_BEYOND_LOG_END).toList();
        assertTrue(beyond.isEmpty(), "no checkpoint points past the log end after the repair: " + beyond);
    }

    @Test
    void anExcisionInsideTheLogLeavesTheHighWatermarksAlone() throws Exception {
        // damage inside the middle segment of orders-2, whose last segment lost its zero padding: the segment planner
        // sees the middle segment as the last one, but cutting its inside changes no log end
        String seg = "orders-2/00000000000000000183.log";
        Targets.Batch b = Targets.batches(logDir.resolve(seg)).get(13);
        Damage.nullFillRange(logDir, seg, b.position() + 8, 4);
        Files.move(logDir.resolve("orders-2/00000000000000000655.log"), logDir.resolve("orders-2/655.log"));
        ApplyAndVerify.Outcome done = ApplyAndVerify.run(List.of(logDir),
                RepairOptions.defaults(tmp.resolve("out")).withPolicy(LossPolicy.EXCISE), tmp.resolve("backup"));
        assertTrue(done.applied().applied(), () -> "applied: " + done.applied());
        long end = manifest.topic("orders").orElseThrow().partitions().get(2).endOffset();
        assertEquals(end, kafkaRead("replication-offset-checkpoint").get(new TopicPartition("orders", 2)),
                "the high watermark stays at the log end: " + done.plan().steps());
    }

    @Test
    void anExcisedTornTailLowersTheHighWatermark() throws Exception {
        String seg = Targets.activeSegment(logDir, "orders-1");
        List<Targets.Batch> batches = Targets.batches(logDir.resolve(seg));
        Targets.Batch last = batches.get(batches.size() - 1);
        Damage.truncateAt(logDir, seg, last.position() + 40);
        ApplyAndVerify.Outcome done = ApplyAndVerify.run(List.of(logDir),
                RepairOptions.defaults(tmp.resolve("out")).withPolicy(LossPolicy.EXCISE), tmp.resolve("backup"));
        assertTrue(done.applied().applied(), () -> "applied: " + done.applied());
        assertEquals(last.baseOffset(), kafkaRead("replication-offset-checkpoint").get(new TopicPartition("orders", 1)),
                "the high watermark is the end the cut tail leaves");
    }

    @Test
    void aLogStartPastTheFilesDoesNotInflateTheRebuiltHighWatermark() throws Exception {
        Corruption.LSO_BEYOND_END.apply(logDir);
        Damage.nullFillFile(logDir, "replication-offset-checkpoint");
        long filesEnd = manifest.topic("orders").orElseThrow().partitions().get(0).endOffset();

        ApplyAndVerify.Outcome done = ApplyAndVerify.run(List.of(logDir), RepairOptions.defaults(tmp.resolve("out")), tmp.resolve("backup"));
        assertTrue(done.applied() != null && done.applied().applied(), () -> "applied: " + done.applied());

        long hw = kafkaRead("replication-offset-checkpoint").get(ORDERS_0);
        assertTrue(hw <= filesEnd, "the high watermark " + hw + " lies within the files (end " + filesEnd
                + "), not at the log start past them");
        Long start = kafkaRead("log-start-offset-checkpoint").get(ORDERS_0);
        assertTrue(start == null || start <= filesEnd, "the log start " + start + " lies within the files");
        List<Finding> beyond = done.after().findings().stream()
                .filter(f -> f.code() == PartitionCodes.HW_BEYOND_LOG_END || f.code() == PartitionCodes.LOG_START_BEYOND_LOG_END).toList();
        assertTrue(beyond.isEmpty(), "nothing points past the log end after the repair: " + beyond);
    }

    @Test
    void thePartitionsLogEndComesFromItsSegmentsNotFromALogStartPastThem() throws Exception {
        Corruption.LSO_BEYOND_END.apply(logDir);
        long filesEnd = manifest.topic("orders").orElseThrow().partitions().get(0).endOffset();
        var report = dev.kfsck.core.analysis.LogDirChecker.check(logDir);
        var p = PartitionsOnDisk.of(report.logDirs().get(0)).get("orders-0");
        assertEquals(filesEnd, p.logEnd());
        assertEquals(0, p.logStart());
        var cut = PartitionsOnDisk.of(report.logDirs().get(0), Map.of("orders-0", 100L)).get("orders-0");
        assertEquals(100, cut.logEnd(), "a planned cut lowers the log end");
    }

    private Map<TopicPartition, Long> kafkaRead(String checkpoint) throws Exception {
        // Kafka's reader may create the file: read a copy
        Path copy = Files.createTempDirectory(tmp, "ckpt").resolve(checkpoint);
        Files.copy(logDir.resolve(checkpoint), copy);
        return new OffsetCheckpointFile(new File(copy.toString()), new LogDirFailureChannel(1)).read();
    }
}
