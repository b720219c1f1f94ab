package dev.kfsck.core.repair.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.analysis.LayoutCodes;
import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.repair.ApplyResult;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairExecutor;
import dev.kfsck.core.repair.RepairPlan;
import dev.kfsck.core.repair.Undo;
import dev.kfsck.core.repair.UndoResult;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import dev.kfsck.testdata.broker.BrokerHarness;
import dev.kfsck.testdata.broker.Outcome;
import dev.kfsck.core.repair.plan.trips.ProvesRepairOf;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-broker proof for folder moves: a {@code lost+found} in the root of a real broker's log dir is found, moved
 * out by the planned repair, and Kafka 4.3.1 then starts on the dir and serves every offset of the manifest; undo puts
 * the folder back byte for byte. One broker start.
 */
class StrayFolderBrokerTest {

    @TempDir
    Path tmp;

    @Test
    @ProvesRepairOf("LAYOUT-STRAY-FOLDER")
    void theBrokerStartsOnceTheStrayFolderIsMovedOutAndUndoPutsItBack() throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-kill");
        Path root = Fixtures.copy("single-4.3-kill", tmp.resolve("s"));
        Path dir = root.resolve(m.firstNode().logDir());
        Path lostFound = Files.createDirectories(dir.resolve("lost+found"));
        Files.write(lostFound.resolve("#131077"), "a file fsck found without a name\n".repeat(100).getBytes());
        Files.setPosixFilePermissions(lostFound.resolve("#131077"), PosixFilePermissions.fromString("rw-r-----"));
        Files.setPosixFilePermissions(lostFound, PosixFilePermissions.fromString("rwx------"));
        SortedMap<String, String> folderBefore = UndoAfterRepairTest.tree(lostFound);

        Report before = LogDirChecker.check(dir);
        List<Finding> strays = before.findings().stream().filter(f -> f.code() == LayoutCodes.STRAY_FOLDER).toList();
        assertEquals(1, strays.size(), before.findings().toString());
        assertEquals(KafkaReaction.STARTUP_FATAL, strays.get(0).code().reaction());
        assertEquals("lost+found", strays.get(0).location().file());

        Path outside = tmp.resolve("outside");
        RepairPlan plan = RepairPlanner.plan(before, RepairOptions.defaults(outside));
        assertTrue(plan.steps().stream().anyMatch(s -> s.action() instanceof RepairAction.MoveOut mo && mo.path().equals(lostFound)),
                plan.steps().toString());
        ApplyResult applied = RepairExecutor.apply(plan, List.of(dir), tmp.resolve("backup"));
        assertTrue(applied.applied(), applied.failure());
        assertFalse(Files.exists(lostFound, LinkOption.NOFOLLOW_LINKS));
        Path moved = Path.of(applied.journal().entries().get(0).destination());
        assertTrue(moved.startsWith(outside.toRealPath()), moved.toString());
        assertEquals(folderBefore, UndoAfterRepairTest.tree(moved));

        try (BrokerHarness h = BrokerHarness.start(m, root)) {
            Outcome o = h.awaitOutcome(Duration.ofSeconds(120));
            assertTrue(o.started(), () -> o + "\n" + h.log(m.firstNode().nodeId()));
            assertEquals(BrokerHarness.byName(BrokerHarness.expectedEndOffsets(m)),
                    BrokerHarness.byName(h.awaitEndOffsets(BrokerHarness.expectedEndOffsets(m), Duration.ofSeconds(60))));
        }

        // the broker changed its own files meanwhile; the undo concerns only the folder, which is as the repair left it
        UndoResult undone = Undo.apply(applied.journalFile());
        assertTrue(undone.undone(), undone.failure());
        assertEquals(folderBefore, UndoAfterRepairTest.tree(lostFound), "every byte and mode back in the log dir");
        assertFalse(Files.exists(moved, LinkOption.NOFOLLOW_LINKS));
    }
}
