package dev.kfsck.core.repair.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.analysis.LayoutCodes;
import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LAYOUT-BAD-FILE-NAME: a file Kafka stops on is moved out whole, never deleted; an unpadded segment swap, which may
 * hold the only copy of its records, is left to a person with a reason.
 */
class MisnamedFilePlannerTest {

    @TempDir
    Path tmp;

    @Test
    void aMisnamedTimeIndexCopyIsMovedOutWithItsContent() throws Exception {
        Path dir = EvidencePlannersTest.copy("single-4.3-kill", tmp.resolve("c"), -1);
        Path copy = dir.resolve("orders-1/old.timeindex");
        Files.copy(dir.resolve("orders-1/00000000000000000000.timeindex"), copy);
        byte[] content = Files.readAllBytes(copy);

        ApplyAndVerify.Outcome o = ApplyAndVerify.run(List.of(dir), RepairOptions.defaults(tmp.resolve("out")), tmp.resolve("backup"));
        RepairPlan.Step step = EvidencePlannersTest.stepOn(o.plan(), copy);
        RepairAction.MoveOut move = (RepairAction.MoveOut) step.action();
        assertEquals(List.of("LAYOUT-BAD-FILE-NAME"), step.resolves().stream().map(f -> f.code().id()).toList());
        assertTrue(step.recordsLost().isEmpty(), "an index holds no record");
        assertTrue(o.applied().applied());
        assertFalse(Files.exists(copy));
        assertArrayEquals(content, Files.readAllBytes(move.destination()), "moved whole");
        assertFalse(move.destination().startsWith(dir), "outside the log dir: " + move.destination());
        assertTrue(LogDirChecker.check(dir).findings().stream().noneMatch(f -> f.code() == LayoutCodes.BAD_FILE_NAME));
    }

    @Test
    void anUnpaddedSegmentSwapIsLeftWithAReason() throws Exception {
        Path dir = EvidencePlannersTest.copy("single-4.3-kill", tmp.resolve("c"), -1);
        Path swap = dir.resolve("orders-0/202.log.swap");
        Files.move(dir.resolve("orders-0/00000000000000000202.log"), swap);

        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(dir), RepairOptions.defaults(tmp.resolve("out")));
        assertTrue(plan.steps().stream().noneMatch(s -> s.action().path().equals(swap)), plan.steps()::toString);
        List<RepairPlan.Unrepaired> left = plan.notRepaired().stream()
                .filter(u -> u.finding().code() == LayoutCodes.BAD_FILE_NAME).toList();
        assertEquals(1, left.size(), plan.notRepaired()::toString);
        assertEquals("orders-0/202.log.swap", left.get(0).finding().location().file());
        assertTrue(left.get(0).reason().contains("rename it by hand"), left.get(0)::reason);
    }
}
