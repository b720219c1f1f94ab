package dev.kfsck.core.repair.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairPlan;
import dev.kfsck.testdata.corrupt.Damage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged bootstrap.checkpoint is deleted only where Kafka will never use it again: on an initialised node. */
class BootstrapCheckpointPlannerTest {

    @TempDir
    Path tmp;

    @Test
    void onAnInitialisedNodeTheDamagedFileIsDeleted() throws Exception {
        Path dir = EvidencePlannersTest.copy("single-4.3-kill", tmp.resolve("c"), -1);
        Damage.nullFillFile(dir, "bootstrap.checkpoint");
        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(dir), RepairOptions.defaults(tmp.resolve("out")));
        RepairPlan.Step step = EvidencePlannersTest.stepOn(plan, dir.resolve("bootstrap.checkpoint"));
        assertTrue(step.action() instanceof RepairAction.DeleteFile, step.toString());
        assertEquals(List.of("BOOT-NULL-BYTES"), step.resolves().stream().map(f -> f.code().id()).toList());
        assertTrue(step.action().why().render().contains("__cluster_metadata-0 holds offsets 0.."), step.action().why().render());
    }

    @Test
    void onANodeNeverStartedTheFileIsLeftForKafkaStorageFormat() throws Exception {
        Path dir = EvidencePlannersTest.copy("single-4.3-kill", tmp.resolve("c"), -1);
        Path md = dir.resolve("__cluster_metadata-0");
        // what kafka-storage format leaves: the metadata dir without segments or snapshots
        try (var s = Files.list(md)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(".log") || n.endsWith(".checkpoint") || n.endsWith("index") || n.endsWith(".snapshot")) Files.delete(p);
            }
        }
        Damage.truncateAt(dir, "bootstrap.checkpoint", 300);
        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(dir), RepairOptions.defaults(tmp.resolve("out")));
        assertTrue(plan.steps().stream().noneMatch(s -> s.action().path().equals(dir.resolve("bootstrap.checkpoint"))), plan.steps().toString());
        var left = plan.notRepaired().stream().filter(u -> u.finding().location().file().equals("bootstrap.checkpoint")).toList();
        assertFalse(left.isEmpty(), plan.notRepaired().toString());
        assertTrue(left.stream().allMatch(u -> u.reason().contains("kafka-storage format")), left.toString());
    }
}
