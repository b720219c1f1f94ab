package dev.kfsck.core.repair.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.LogDirLayout;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairPlan;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.corrupt.Applied;
import dev.kfsck.testdata.corrupt.Corruption;
import dev.kfsck.testdata.corrupt.Damage;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean-shutdown dir with a torn active segment (orders-0), a bit flip in that segment's index and one in a sealed
 * segment's index of another partition (orders-1). Without a loss policy the segment planner keeps the torn segment,
 * its indexes and the marker as they are; every index finding and the marker's finding must still be accounted for:
 * resolved by a step or listed as not repaired, never silently dropped from the plan.
 */
class AuxiliaryFilePlannerTest {

    private static final String SCENARIO = "single-4.3-clean";
    private static final String HELD_INDEX = "orders-0/00000000000000000202.index";
    private static final String FREE_INDEX = "orders-1/00000000000000000000.index";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(LossPolicy.class)
    void everyIndexAndMarkerFindingIsResolvedOrListedAsNotRepaired(LossPolicy policy) throws Exception {
        Path dir = Fixtures.copy(SCENARIO, tmp.resolve("copy")).resolve(Fixtures.manifest(SCENARIO).firstNode().logDir());
        Applied torn = Corruption.SEG_TRUNCATED_TAIL.apply(dir);
        assertEquals("orders-0/00000000000000000202.log", torn.file(), "the torn segment is the one whose index is flipped");
        Damage.flipBit(dir, HELD_INDEX, 3, 0);
        Damage.flipBit(dir, FREE_INDEX, 3, 0);

        Report report = LogDirChecker.check(dir);
        RepairPlan plan = RepairPlanner.plan(report, RepairOptions.defaults(tmp.resolve("outside")).withPolicy(policy));

        List<Finding> ours = report.findings().stream().filter(f -> f.severity() != Severity.INFO)
                .filter(f -> f.location().file().matches(".*\\.(index|timeindex|txnindex|snapshot)$")
                        || f.location().file().equals(LogDirLayout.CLEAN_SHUTDOWN))
                .toList();
        assertTrue(ours.stream().anyMatch(f -> f.location().file().equals(HELD_INDEX)), "the torn segment's index is reported");
        assertTrue(ours.stream().anyMatch(f -> f.code().id().equals("XFILE-CLEAN-SHUTDOWN-WITH-DAMAGE")), "the marker is reported");
        for (Finding f : ours) {
            boolean resolved = plan.steps().stream().anyMatch(s -> s.resolves().contains(f));
            boolean listed = plan.notRepaired().stream().anyMatch(u -> u.finding().equals(f));
            assertTrue(resolved ^ listed, f.code().id() + " at " + f.location().file() + " is resolved (" + resolved
                    + ") or listed as not repaired (" + listed + "), exactly one");
        }

        Set<String> deleted = plan.steps().stream().filter(s -> s.action() instanceof RepairAction.DeleteFile)
                .map(s -> dir.relativize(s.action().path()).toString().replace('\\', '/')).collect(Collectors.toSet());
        assertTrue(deleted.contains(FREE_INDEX), "the sealed segment's index of the other partition is rebuilt: " + deleted);
        if (policy == LossPolicy.NONE) {
            assertFalse(deleted.contains(HELD_INDEX), "the kept segment's index is kept: " + deleted);
            assertFalse(deleted.contains(LogDirLayout.CLEAN_SHUTDOWN), "the marker is kept while the torn segment is: " + deleted);
        } else {
            assertTrue(deleted.contains(LogDirLayout.CLEAN_SHUTDOWN), "the marker goes once the torn segment is repaired: " + deleted);
        }
    }
}
