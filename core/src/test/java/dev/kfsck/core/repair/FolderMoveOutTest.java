package dev.kfsck.core.repair;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kfsck.core.analysis.LayoutCodes;
import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.io.FolderTree;
import dev.kfsck.core.io.Sha256;
import dev.kfsck.core.io.Tmpfs;
import dev.kfsck.core.repair.plan.RepairOptions;
import dev.kfsck.core.repair.plan.RepairPlanner;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stray folder in the root of a real broker's log dir (a copy of {@code single-4.3-kill}) is moved out whole, with
 * the same guarantees as a file: checked first, journaled with its tree digest before the change, verified, rolled
 * back on failure, and moved back by undo.
 */
class FolderMoveOutTest {

    @TempDir
    Path tmp;

    Path logDir;
    Path stray;
    Path outside;
    Path backup;

    @BeforeEach
    void setUp() throws IOException {
        Manifest m = Fixtures.manifest("single-4.3-kill");
        logDir = Fixtures.copy("single-4.3-kill", tmp.resolve("fixture")).resolve(m.firstNode().logDir());
        stray = strayFolder(logDir.resolve("lost+found"));
        outside = tmp.resolve("outside");
        backup = tmp.resolve("backup");
    }

    /** What fsck leaves in lost+found, plus an operator's nested backup: files 0640 and 0755, nested and empty folders, a link. */
    static Path strayFolder(Path dir) throws IOException {
        Random r = new Random(7);
        Files.createDirectories(dir.resolve("#1234567/nested/deeper"));
        Files.createDirectories(dir.resolve("empty"));
        LogDirFixture.write(dir.resolve("#1234567/00000000000000000000.log"), LogDirFixture.random(r, 70_000), 0640);
        LogDirFixture.write(dir.resolve("#1234567/nested/run.sh"), "#!/bin/sh\necho kept\n", 0755);
        LogDirFixture.write(dir.resolve("#1234567/nested/deeper/notes with spaces\ttab.txt"), "operator notes\n", 0640);
        LogDirFixture.write(dir.resolve("#7654321"), LogDirFixture.random(r, 4096), 0640);
        LogDirFixture.write(dir.resolve("empty-file"), new byte[0], 0640);
        Files.createSymbolicLink(dir.resolve("#1234567/link-to-log"), Path.of("00000000000000000000.log"));
        for (String d : new String[] {"#1234567/nested/deeper", "#1234567/nested", "#1234567", "empty"}) {
            LogDirFixture.brokerAttrs(dir, 0750).applyTo(dir.resolve(d));
        }
        LogDirFixture.brokerAttrs(dir, 0700).applyTo(dir);
        return dir;
    }

    private RepairPlan plannedFromTheCheck() throws IOException {
        Report report = LogDirChecker.check(logDir);
        List<Finding> strays = report.findings().stream().filter(f -> f.code() == LayoutCodes.STRAY_FOLDER).toList();
        assertEquals(1, strays.size(), report.findings().toString());
        assertEquals("lost+found", strays.get(0).location().file());
        RepairPlan plan = RepairPlanner.plan(report, RepairOptions.defaults(outside));
        assertEquals(1, plan.steps().size(), "only the stray folder needs a step: " + plan.steps());
        assertTrue(plan.steps().get(0).action() instanceof RepairAction.MoveOut);
        return plan;
    }

    /** Each file's size and SHA-256, and each folder and link, computed here independently of {@link FolderTree}. */
    private static SortedMap<String, String> contents(Path root) throws IOException {
        SortedMap<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.equals(root)) continue;
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) m.put(rel, "l " + Files.readSymbolicLink(p));
                else if (Files.isDirectory(p)) m.put(rel, "d");
                else m.put(rel, "f " + Files.size(p) + " " + Sha256.of(p));
            }
        }
        return m;
    }

    @Test
    void aStrayFolderIsMovedOutByteForByteJournaledAndUndone() throws Exception {
        SortedMap<String, String> dirBefore = LogDirFixture.tree(logDir);
        SortedMap<String, String> folderBefore = LogDirFixture.tree(stray);
        SortedMap<String, String> contentBefore = contents(stray);
        RepairPlan plan = plannedFromTheCheck();
        Path dest = ((RepairAction.MoveOut) plan.steps().get(0).action()).destination();
        assertTrue(dest.startsWith(outside), dest.toString());

        ApplyResult r = RepairExecutor.apply(plan, List.of(logDir), backup);

        assertTrue(r.applied(), r.failure());
        assertFalse(Files.exists(stray, LinkOption.NOFOLLOW_LINKS), "gone from the log dir");
        assertEquals(folderBefore, LogDirFixture.tree(dest), "every byte, mode and owner at the destination");
        assertTrue(LogDirChecker.check(logDir).findings().stream().noneMatch(f -> f.code() == LayoutCodes.STRAY_FOLDER));

        Journal j = Journal.read(r.journalFile());
        Journal.Entry e = j.entries().get(0);
        assertEquals(RepairAction.Kind.MOVE_OUT, e.action());
        assertEquals(Journal.Status.DONE, e.status());
        assertEquals("lost+found", e.file());
        assertEquals(dest.toString(), e.destination());
        assertEquals("0700", e.mode());
        assertTrue(e.movesFolder());
        assertNull(e.backup(), "a move keeps the bytes: no copy in the backup folder");
        assertFalse(Files.exists(backup.resolve("files")));
        assertEquals(contentBefore.size(), e.folder().entries());
        assertEquals(5, e.folder().files(), "four files with bytes and one empty");
        assertEquals(70_000 + 4096 + "#!/bin/sh\necho kept\n".length() + "operator notes\n".length(), e.sizeBefore());
        Path listing = backup.resolve(e.folder().listing());
        assertEquals(e.sha256Before(), Sha256.of(listing), "the digest is the listing's SHA-256");
        SortedMap<String, String> listed = new TreeMap<>();
        for (FolderTree.Node n : FolderTree.parse(Files.readString(listing, UTF_8)).nodes()) {
            listed.put(n.path(), switch (n.kind()) {
                case DIR -> "d";
                case FILE -> "f " + n.size() + " " + n.content();
                case LINK -> "l " + n.content();
            });
        }
        assertEquals(contentBefore, listed, "the journal's listing names every path, size and hash");
        assertFalse(e.existsAfter());

        UndoResult u = Undo.apply(r.journalFile());
        assertTrue(u.undone(), u.failure());
        assertEquals(List.of(stray.toRealPath()), u.restored());
        assertEquals(dirBefore, LogDirFixture.tree(logDir), "every file, folder, hash, mode and owner as before");
        assertFalse(Files.exists(dest, LinkOption.NOFOLLOW_LINKS));

        UndoResult again = Undo.apply(r.journalFile());
        assertEquals(1, again.alreadyAsFound().size());
        assertEquals(dirBefore, LogDirFixture.tree(logDir));
    }

    @Test
    void acrossFileSystemsTheFolderIsCopiedCheckedAndTheSourceDeleted() throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        Tmpfs fs = Tmpfs.mount(mnt, "8m");
        assumeTrue(fs != null, Tmpfs.reason);
        try (fs) {
            outside = mnt.resolve("outside");
            SortedMap<String, String> dirBefore = LogDirFixture.tree(logDir);
            SortedMap<String, String> folderBefore = LogDirFixture.tree(stray);
            RepairPlan plan = plannedFromTheCheck();
            Path dest = ((RepairAction.MoveOut) plan.steps().get(0).action()).destination();
            assertNotEquals(Files.getAttribute(logDir, "unix:dev"), Files.getAttribute(mnt, "unix:dev"), "two file systems");

            ApplyResult r = RepairExecutor.apply(plan, List.of(logDir), backup);

            assertTrue(r.applied(), r.failure());
            assertFalse(Files.exists(stray, LinkOption.NOFOLLOW_LINKS));
            assertEquals(folderBefore, LogDirFixture.tree(dest), "copied with every mode and owner");
            try (Stream<Path> s = Files.list(dest.getParent())) {
                assertEquals(List.of(dest), s.toList(), "no temporary copy left");
            }
            UndoResult u = Undo.apply(r.journalFile());
            assertTrue(u.undone(), u.failure());
            assertEquals(dirBefore, LogDirFixture.tree(logDir));
            assertFalse(Files.exists(dest, LinkOption.NOFOLLOW_LINKS));
        }
    }

    @Test
    void aFullFileSystemAtTheDestinationLeavesTheFolderWhereItWas() throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        Tmpfs fs = Tmpfs.mount(mnt, "64k");
        assumeTrue(fs != null, Tmpfs.reason);
        try (fs) {
            SortedMap<String, String> dirBefore = LogDirFixture.tree(logDir);
            Path dest = mnt.resolve("outside/lost+found");
            RepairPlan plan = RepairPlan.of(RepairPlan.Step.of(new RepairAction.MoveOut(stray, dest, Provenance.of("test")), "move"));

            ApplyResult r = RepairExecutor.apply(plan, List.of(logDir), backup);

            assertEquals(Journal.State.ROLLED_BACK, r.state(), r.failure());
            assertTrue(r.failure().contains("the source is unchanged"), r.failure());
            assertEquals(dirBefore, LogDirFixture.tree(logDir));
            try (Stream<Path> s = Files.list(dest.getParent())) {
                assertEquals(List.of(), s.toList(), "neither the copy nor its temporary folder is left");
            }
        }
    }

    @Test
    void aFailureAfterTheMoveMovesTheFolderBack() throws Exception {
        SortedMap<String, String> dirBefore = LogDirFixture.tree(logDir);
        Path dest = outside.resolve("lost+found");
        RepairPlan plan = RepairPlan.of(
                RepairPlan.Step.of(new RepairAction.MoveOut(stray, dest, Provenance.of("test")), "move"),
                RepairPlan.Step.of(new RepairAction.WriteFile(logDir.resolve("meta.properties"), new byte[] {1}, Provenance.of("test")), "w"));
        ApplyResult r = new RepairExecutor((i, a) -> {
            if (i == 1) throw new IOException("injected disk error");
        }).run(plan, List.of(logDir), backup);
        assertEquals(Journal.State.ROLLED_BACK, r.state(), r.failure());
        assertEquals(Journal.Status.ROLLED_BACK, r.journal().entries().get(0).status());
        assertEquals(dirBefore, LogDirFixture.tree(logDir));
        assertFalse(Files.exists(dest, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void undoRefusesAMovedFolderChangedSinceUnlessForced() throws Exception {
        Path dest = outside.resolve("lost+found");
        RepairPlan plan = RepairPlan.of(RepairPlan.Step.of(new RepairAction.MoveOut(stray, dest, Provenance.of("test")), "move"));
        ApplyResult r = RepairExecutor.apply(plan, List.of(logDir), backup);
        assertTrue(r.applied(), r.failure());
        Files.writeString(dest.resolve("#1234567/nested/run.sh"), "#!/bin/sh\necho edited\n");
        SortedMap<String, String> edited = LogDirFixture.tree(dest);

        RepairRefusedException e = assertThrows(RepairRefusedException.class, () -> Undo.apply(r.journalFile()));
        assertTrue(e.getMessage().contains("#1234567/nested/run.sh"), "names what changed: " + e.getMessage());
        assertEquals(edited, LogDirFixture.tree(dest), "a refused undo changes nothing");
        assertFalse(Files.exists(stray, LinkOption.NOFOLLOW_LINKS));

        UndoResult u = Undo.apply(r.journalFile(), true);
        assertTrue(u.undone(), u.failure());
        assertEquals(List.of(stray.toRealPath()), u.forced());
        assertEquals(edited, LogDirFixture.tree(stray), "forced: the folder comes back as it is now");
    }

    @Test
    void undoFinishesAMoveInterruptedWhileDeletingTheSource() throws Exception {
        SortedMap<String, String> dirBefore = LogDirFixture.tree(logDir);
        Path dest = outside.resolve("lost+found");
        RepairPlan plan = RepairPlan.of(RepairPlan.Step.of(new RepairAction.MoveOut(stray, dest, Provenance.of("test")), "move"));
        ApplyResult r = RepairExecutor.apply(plan, List.of(logDir), backup);
        // as a crash half-way through deleting the source after a copy across file systems leaves it
        Files.createDirectories(stray.resolve("#1234567/nested"));
        Files.copy(dest.resolve("#1234567/nested/run.sh"), stray.resolve("#1234567/nested/run.sh"));
        r.journal().withState(Journal.State.APPLYING, null)
                .withEntry(r.journal().entries().get(0).withStatus(Journal.Status.PENDING, null)).writeTo(r.journalFile());

        UndoResult u = Undo.apply(r.journalFile());
        assertTrue(u.undone(), u.failure());
        assertEquals(dirBefore, LogDirFixture.tree(logDir));
    }

    @Test
    void unsafeFolderMovesAreRefusedBeforeAnyChange() throws Exception {
        Files.createDirectories(backup);
        Path other = Files.createDirectories(tmp.resolve("already-there"));
        Path inPartition = Files.createDirectories(logDir.resolve("orders-0/stray-inside"));
        SortedMap<String, String> before = LogDirFixture.tree(tmp);
        Provenance why = Provenance.of("test");
        List<RepairAction> unsafe = List.of(
                new RepairAction.MoveOut(stray, logDir.resolve("__cluster_metadata-0/lost+found"), why),
                new RepairAction.MoveOut(stray, backup.resolve("lost+found"), why),
                new RepairAction.MoveOut(stray, other, why),
                new RepairAction.MoveOut(logDir.resolve("orders-0"), outside.resolve("orders-0"), why),
                new RepairAction.MoveOut(logDir.resolve("__cluster_metadata-0"), outside.resolve("meta"), why),
                new RepairAction.MoveOut(inPartition, outside.resolve("stray-inside"), why),
                new RepairAction.MoveOut(logDir, outside.resolve("data"), why),
                new RepairAction.DeleteFile(stray, why));
        List<String> expected = List.of("is inside a log dir", "is inside the backup folder", "exists",
                "named like a partition", "named like a partition", "not in the root", "is a log dir itself", "not a regular file");
        for (int i = 0; i < unsafe.size(); i++) {
            RepairAction a = unsafe.get(i);
            RepairPlan plan = RepairPlan.of(RepairPlan.Step.of(a, "unsafe"));
            RepairRefusedException e = assertThrows(RepairRefusedException.class,
                    () -> RepairExecutor.apply(plan, List.of(logDir), backup), a.summary());
            assertTrue(e.getMessage().contains(expected.get(i)), a.summary() + ": " + e.getMessage());
            assertEquals(1, e.reasons().size(), e.reasons().toString());
            assertEquals(before, LogDirFixture.tree(tmp), "nothing changed for " + a.summary());
        }
        // a file inside the folder that is moved out cannot be changed by the same plan
        RepairPlan clash = RepairPlan.of(
                RepairPlan.Step.of(new RepairAction.MoveOut(stray, outside.resolve("lost+found"), why), "m"),
                RepairPlan.Step.of(new RepairAction.DeleteFile(stray.resolve("#7654321"), why), "d"));
        RepairRefusedException e = assertThrows(RepairRefusedException.class,
                () -> RepairExecutor.apply(clash, List.of(logDir), backup));
        assertTrue(e.getMessage().contains("which the plan moves out"), e.getMessage());
        assertEquals(before, LogDirFixture.tree(tmp));
    }

    @Test
    void aFolderHoldingAFifoIsRefused() throws Exception {
        Path fifo = stray.resolve("#1234567/pipe");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor() == 0, "mkfifo failed");
        RepairPlan plan = RepairPlan.of(RepairPlan.Step.of(
                new RepairAction.MoveOut(stray, outside.resolve("lost+found"), Provenance.of("test")), "m"));
        RepairRefusedException e = assertThrows(RepairRefusedException.class, () -> RepairExecutor.apply(plan, List.of(logDir), backup));
        assertTrue(e.getMessage().contains("FIFO"), e.getMessage());
        assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(backup));
        assertFalse(Files.exists(outside));
    }

    @Test
    void aPartitionFolderMovesOnlyWhenThePlannerAsksExplicitly() throws Exception {
        Path orders = logDir.resolve("orders-0");
        SortedMap<String, String> ordersBefore = LogDirFixture.tree(orders);
        RepairPlan plan = RepairPlan.of(RepairPlan.Step.of(
                RepairAction.MoveOut.partitionFolder(orders, outside.resolve("orders-0"), Provenance.of("test")), "move the replica out"));
        ApplyResult r = RepairExecutor.apply(plan, List.of(logDir), backup);
        assertTrue(r.applied(), r.failure());
        assertEquals(ordersBefore, LogDirFixture.tree(outside.resolve("orders-0")));
        assertTrue(Undo.apply(r.journalFile()).undone());
        assertEquals(ordersBefore, LogDirFixture.tree(orders));
    }
}
