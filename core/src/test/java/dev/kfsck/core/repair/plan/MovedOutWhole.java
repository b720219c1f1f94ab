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

/**
 * A file of a fixture copied under a name Kafka cannot use, then repaired: the one step on the copy resolves
 * {@code code} by moving the file out of the log dir, byte for byte, and a check afterwards no longer reports the code.
 */
record MovedOutWhole(Path dir, ApplyAndVerify.Outcome outcome, RepairPlan.Step step, RepairAction.MoveOut move) {

    /** Copies {@code source} to {@code copyName} (both relative to the log dir) in a copy of single-4.3-kill and repairs it. */
    static MovedOutWhole afterRepair(Path tmp, String source, String copyName, String code) throws Exception {
        Path dir = EvidencePlannersTest.copy("single-4.3-kill", tmp.resolve("c"), -1);
        Path copy = dir.resolve(copyName);
        Files.copy(dir.resolve(source), copy);
        byte[] content = Files.readAllBytes(copy);

        ApplyAndVerify.Outcome o = ApplyAndVerify.run(List.of(dir), RepairOptions.defaults(tmp.resolve("out")), tmp.resolve("backup"));
        RepairPlan.Step step = EvidencePlannersTest.stepOn(o.plan(), copy);
        RepairAction.MoveOut move = (RepairAction.MoveOut) step.action();
        assertEquals(List.of(code), step.resolves().stream().map(f -> f.code().id()).toList());
        assertTrue(o.applied().applied());
        assertFalse(Files.exists(copy));
        assertArrayEquals(content, Files.readAllBytes(move.destination()), "moved whole");
        assertFalse(move.destination().startsWith(dir), "outside the log dir: " + move.destination());
        assertTrue(LogDirChecker.check(dir).findings().stream().noneMatch(f -> f.code().id().equals(code)));
        return new MovedOutWhole(dir, o, step, move);
    }
}
