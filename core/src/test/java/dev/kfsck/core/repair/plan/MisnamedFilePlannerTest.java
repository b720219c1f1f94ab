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
 * LAYOUT-BAD-FILE-NAME: the misnamed file is moved out whole, never deleted, whether Kafka would stop on it or
 * complete an empty swap in its place.
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

    /** An unpadded swap beside its segment: moved out, so that Kafka neither replaces the segment nor loses the swap. */
    @Test
    void anUnpaddedSegmentSwapIsMovedOutAndTheSegmentKept() throws Exception {
        Path dir = EvidencePlannersTest.copy("single-4.3-kill", tmp.resolve("c"), -1);
        Path segment = dir.resolve("orders-0/00000000000000000202.log");
        Path swap = dir.resolve("orders-0/202.log.swap");
        Files.copy(segment, swap);
        byte[] records = Files.readAllBytes(segment);

        ApplyAndVerify.Outcome o = ApplyAndVerify.run(List.of(dir), RepairOptions.defaults(tmp.resolve("out")), tmp.resolve("backup"));
        RepairPlan.Step step = EvidencePlannersTest.stepOn(o.plan(), swap);
        RepairAction.MoveOut move = (RepairAction.MoveOut) step.action();
        assertEquals(List.of("LAYOUT-BAD-FILE-NAME"), step.resolves().stream().map(f -> f.code().id()).toList());
        assertTrue(o.plan().recordsLost().isEmpty(), "no record Kafka would serve is given up: " + o.plan().recordsLost());
        assertTrue(o.applied().applied());
        assertFalse(Files.exists(swap));
        assertArrayEquals(records, Files.readAllBytes(move.destination()), "the swap's bytes are kept outside");
        assertArrayEquals(records, Files.readAllBytes(segment), "the segment is untouched");
        assertTrue(LogDirChecker.check(dir).findings().stream().noneMatch(f -> f.code() == LayoutCodes.BAD_FILE_NAME));
    }
}
