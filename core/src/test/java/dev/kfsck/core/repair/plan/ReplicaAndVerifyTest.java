package dev.kfsck.core.repair.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.analysis.LayoutCodes;
import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.repair.Provenance;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairPlan;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import dev.kfsck.testdata.corrupt.Applied;
import dev.kfsck.testdata.corrupt.Damage;
import dev.kfsck.testdata.corrupt.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaAndVerifyTest {

    @TempDir
    Path tmp;

    @Test
    void aCutNamesTheReplicaThatHoldsAGoodCopy() throws Exception {
        Manifest m = Fixtures.manifest("quorum3-4.3");
        Path root = Fixtures.copy("quorum3-4.3", tmp.resolve("q"));
        List<Path> dirs = m.nodes().stream().map(n -> root.resolve(n.logDir())).toList();
        Path victim = dirs.get(0);
        String seg = Targets.firstSegment(victim, "replicated-0");
        Targets.Batch b = Targets.middleBatch(victim.resolve(seg));
        Applied a = Damage.flipBit(victim, seg, b.position() + Targets.BATCH_HEADER + 2, 5);

        Report report = LogDirChecker.check(dirs.toArray(Path[]::new));
        RepairPlan plan = RepairPlanner.plan(report, RepairOptions.defaults(tmp.resolve("out")).withPolicy(LossPolicy.TRUNCATE));
        RepairPlan.Step cut = plan.steps().stream().filter(s -> s.action().path().equals(a.path())).findFirst().orElseThrow();
        String lost = String.join("\n", cut.recordsLost());
        assertTrue(lost.contains("replicated-0: offsets " + b.baseOffset() + ".."), lost);
        for (int other : List.of(1, 2)) {
            assertTrue(lost.contains("node " + other + " (" + dirs.get(other) + ") holds a good copy of offsets " + b.baseOffset() + ".."), lost);
        }
    }

    @Test
    void verifyReportsWhatAStepClaimedButDidNotResolve() throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-kill");
        Path dir = Fixtures.copy("single-4.3-kill", tmp.resolve("s")).resolve(m.firstNode().logDir());
        Files.createDirectories(dir.resolve("orders-0.bak"));
        Report before = LogDirChecker.check(dir);
        Finding stray = before.findings().stream().filter(f -> f.code() == LayoutCodes.STRAY_FOLDER).findFirst().orElseThrow();
        Path ckpt = dir.resolve("cleaner-offset-checkpoint");
        RepairPlan wrong = new RepairPlan(List.of(new RepairPlan.Step(new RepairAction.WriteFile(ckpt, Files.readAllBytes(ckpt),
                Provenance.of("a step that claims too much")), "rewrite the same bytes", List.of(), List.of(stray))), List.of());
        ApplyAndVerify.Outcome o = ApplyAndVerify.apply(before, wrong, List.of(dir), tmp.resolve("out"), tmp.resolve("backup"));
        assertTrue(o.applied().applied());
        assertEquals(List.of(stray), o.leftovers());
        assertTrue(!o.clean());
    }
}
