package dev.kfsck.core.repair.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A .checkpoint file in the metadata dir whose name Kafka cannot parse is moved out whole, never deleted. */
class UnparsableSnapshotNameTest {

    @TempDir
    Path tmp;

    @Test
    void aBackupCopyUnderAnUnparsableNameIsMovedOutWithItsContent() throws Exception {
        Path dir = EvidencePlannersTest.copy("single-4.3-kill", tmp.resolve("c"), -1);
        Path copy = dir.resolve("__cluster_metadata-0/backup-153.checkpoint");
        Files.copy(dir.resolve("__cluster_metadata-0/00000000000000000153-0000000001.checkpoint"), copy);
        byte[] content = Files.readAllBytes(copy);

        ApplyAndVerify.Outcome o = ApplyAndVerify.run(List.of(dir), RepairOptions.defaults(tmp.resolve("out")), tmp.resolve("backup"));
        RepairPlan.Step step = EvidencePlannersTest.stepOn(o.plan(), copy);
        RepairAction.MoveOut move = (RepairAction.MoveOut) step.action();
        assertEquals(List.of("SNAP-NAME-UNPARSABLE"), step.resolves().stream().map(f -> f.code().id()).toList());
        assertTrue(o.applied().applied());
        assertFalse(Files.exists(copy));
        assertArrayEquals(content, Files.readAllBytes(move.destination()), "moved whole");
        assertFalse(move.destination().startsWith(dir), "outside the log dir: " + move.destination());
        assertTrue(LogDirChecker.check(dir).findings().stream().noneMatch(f -> f.code().id().equals("SNAP-NAME-UNPARSABLE")));
    }
}
