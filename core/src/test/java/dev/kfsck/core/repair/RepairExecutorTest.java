package dev.kfsck.core.repair;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.io.ChildJvm;
import dev.kfsck.core.io.FileAttrs;
import dev.kfsck.core.io.KafkaLockHolder;
import dev.kfsck.core.io.LockProbe;
import dev.kfsck.core.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepairExecutorTest {

    @TempDir
    Path tmp;

    Path logA;
    Path logB;
    Path backups;
    Path quarantine;

    @BeforeEach
    void setUp() throws IOException {
        // two log dirs with the same name, as on a broker with one disk per mount
        logA = LogDirFixture.create(tmp.resolve("disk1/kafka-logs"), 1);
        logB = LogDirFixture.create(tmp.resolve("disk2/kafka-logs"), 2);
        backups = tmp.resolve("repair-2024-01-01");
        quarantine = tmp.resolve("quarantine");
    }

    private static final byte[] NEW_LEC = "0\n2\n0 0\n3 500\n".getBytes(UTF_8);
    private static final byte[] NEW_PM = "version: 0\ntopic_id: AAAAAAAAAAAAAAAAAAAAAQ\n".getBytes(UTF_8);

    /** One action of every kind, over both log dirs. */
    private RepairPlan everyKind() {
        Provenance why = Provenance.of("test").with("value", "test evidence");
        return new RepairPlan(List.of(
                RepairPlan.Step.of(new RepairAction.WriteFile(logA.resolve("orders-0/leader-epoch-checkpoint"), NEW_LEC, why), "rewrite"),
                RepairPlan.Step.of(new RepairAction.WriteFile(logA.resolve("orders-0/partition.metadata"), NEW_PM, why), "create"),
                new RepairPlan.Step(new RepairAction.TruncateFile(logA.resolve("orders-0/00000000000000000000.log"), 700_001, why),
                        "cut", List.of("orders-0: bytes 700001.. dropped"), List.of()),
                RepairPlan.Step.of(new RepairAction.DeleteFile(logA.resolve("orders-0/00000000000000000000.index"), why), "delete"),
                RepairPlan.Step.of(new RepairAction.MoveOut(logB.resolve("orders-0/00000000000000000000.timeindex"),
                        quarantine.resolve("orders-0/00000000000000000000.timeindex"), why), "move out"),
                RepairPlan.Step.of(new RepairAction.WriteFile(
                        logB.resolve("__cluster_metadata-0/00000000000000000225-0000000001.checkpoint"), new byte[] {1, 2}, why), "snapshot")),
                List.of());
    }

    @Test
    void everyKindOfActionIsAppliedJournaledAndUndoneByteForByte() throws Exception {
        SortedMap<String, String> before = LogDirFixture.tree(tmp);
        byte[] segment = Files.readAllBytes(logA.resolve("orders-0/00000000000000000000.log"));
        byte[] index = Files.readAllBytes(logA.resolve("orders-0/00000000000000000000.index"));
        byte[] timeindex = Files.readAllBytes(logB.resolve("orders-0/00000000000000000000.timeindex"));
        FileAttrs segAttrs = FileAttrs.of(logA.resolve("orders-0/00000000000000000000.log"));

        ApplyResult r = RepairExecutor.apply(everyKind(), List.of(logA, logB), backups);

        assertEquals(Journal.State.APPLIED, r.state(), r.failure());
        assertArrayEquals(NEW_LEC, Files.readAllBytes(logA.resolve("orders-0/leader-epoch-checkpoint")));
        assertArrayEquals(NEW_PM, Files.readAllBytes(logA.resolve("orders-0/partition.metadata")));
        assertArrayEquals(Arrays.copyOf(segment, 700_001), Files.readAllBytes(logA.resolve("orders-0/00000000000000000000.log")));
        assertEquals(segAttrs, FileAttrs.of(logA.resolve("orders-0/00000000000000000000.log")));
        assertFalse(Files.exists(logA.resolve("orders-0/00000000000000000000.index")));
        assertFalse(Files.exists(logB.resolve("orders-0/00000000000000000000.timeindex")));
        assertArrayEquals(timeindex, Files.readAllBytes(quarantine.resolve("orders-0/00000000000000000000.timeindex")));
        assertEquals(0400, FileAttrs.of(logB.resolve("__cluster_metadata-0/00000000000000000225-0000000001.checkpoint")).mode());
        assertEquals(FileAttrs.of(logA.resolve("orders-0")).uid(), FileAttrs.of(logA.resolve("orders-0/partition.metadata")).uid());
        assertFalse(Files.exists(logA.resolve(".lock")), "the lock kfsck created is gone again");
        assertEquals(LockProbe.State.NOT_HELD, LockProbe.probe(logA).state());

        // the journal, read back from disk, states the true hashes, sizes and owners
        Journal j = Journal.read(r.journalFile());
        assertEquals(backups.resolve(Journal.FILE_NAME), r.journalFile());
        assertEquals(Journal.State.APPLIED, j.state());
        assertEquals(6, j.entries().size());
        for (Journal.Entry e : j.entries()) assertEquals(Journal.Status.DONE, e.status(), e.file());
        Journal.Entry lec = j.entries().get(0);
        assertEquals(logA.toRealPath().toString(), lec.logDir());
        assertEquals("orders-0/leader-epoch-checkpoint", lec.file());
        assertEquals(Sha256.of("0\n1\n0 0\n".getBytes(UTF_8)), lec.sha256Before());
        assertEquals(Sha256.of(NEW_LEC), lec.sha256After());
        assertEquals(NEW_LEC.length, lec.sizeAfter());
        assertEquals("0644", lec.mode());
        Journal.Entry pm = j.entries().get(1);
        assertFalse(pm.existedBefore());
        assertNull(pm.sha256Before());
        assertNull(pm.backup());
        Journal.Entry cut = j.entries().get(2);
        assertEquals(Sha256.of(segment), cut.sha256Before());
        assertEquals(Sha256.of(Arrays.copyOf(segment, 700_001)), cut.sha256After());
        assertEquals(segment.length, cut.sizeBefore());
        assertEquals(List.of("orders-0: bytes 700001.. dropped"), cut.recordsLost());
        assertTrue(cut.why().contains("value  <- test evidence"), cut.why());
        assertEquals(Sha256.of(index), j.entries().get(3).sha256Before());
        assertFalse(j.entries().get(3).existsAfter());
        Journal.Entry moved = j.entries().get(4);
        assertEquals(logB.toRealPath().toString(), moved.logDir());
        assertEquals(quarantine.resolve("orders-0/00000000000000000000.timeindex").toString(), moved.destination());
        assertEquals("0640", moved.mode());

        // backups: outside every log dir, mirroring the layout, byte-identical, and the two dirs kept apart
        for (Journal.Entry e : j.entries()) {
            if (e.backup() == null) continue;
            Path b = backups.resolve(e.backup());
            assertFalse(b.startsWith(logA) || b.startsWith(logB), b.toString());
            assertTrue(e.backup().endsWith("/" + e.file()), e.backup());
            assertEquals(e.sha256Before(), Sha256.of(b), e.backup());
        }
        assertNotEquals(j.entries().get(0).backup().split("/")[1], j.entries().get(4).backup().split("/")[1]);
        assertArrayEquals(segment, Files.readAllBytes(backups.resolve(cut.backup())));

        SortedMap<String, String> after = LogDirFixture.tree(tmp);
        assertNotEquals(before, after);

        UndoResult u = Undo.apply(r.journalFile());
        assertEquals(Journal.State.UNDONE, u.state(), u.failure());
        assertEquals(6, u.restored().size());
        assertEquals(withoutBackupsAndQuarantine(before), withoutBackupsAndQuarantine(LogDirFixture.tree(tmp)));
        assertFalse(Files.exists(quarantine.resolve("orders-0/00000000000000000000.timeindex")));
        assertEquals(Journal.State.UNDONE, Journal.read(r.journalFile()).state());

        // undoing twice finds everything as it was and changes nothing
        UndoResult again = Undo.apply(r.journalFile());
        assertEquals(6, again.alreadyAsFound().size());
        assertEquals(withoutBackupsAndQuarantine(before), withoutBackupsAndQuarantine(LogDirFixture.tree(tmp)));
    }

    /** The backup folder and the (now empty) quarantine folders exist only after a repair; the log dirs are compared. */
    private static SortedMap<String, String> withoutBackupsAndQuarantine(SortedMap<String, String> tree) {
        SortedMap<String, String> m = new java.util.TreeMap<>(tree);
        m.keySet().removeIf(k -> k.startsWith("repair-") || k.startsWith("quarantine"));
        return m;
    }

    @Test
    void theJournalIsOnDiskBeforeTheFirstChange() throws Exception {
        SortedMap<String, String> before = LogDirFixture.tree(logA);
        List<String> seen = new ArrayList<>();
        ApplyResult r = new RepairExecutor((i, a) -> {
            if (i != 0) return;
            SortedMap<String, String> now = LogDirFixture.tree(logA);
            assertTrue(now.remove(".lock") != null, "the repair holds the lock");
            assertEquals(before, now, "nothing changed yet");
            Journal j = Journal.read(backups.resolve(Journal.FILE_NAME));
            assertEquals(Journal.State.APPLYING, j.state());
            for (Journal.Entry e : j.entries()) {
                assertEquals(Journal.Status.PENDING, e.status());
                seen.add(e.file() + " " + e.sha256After());
            }
        }).run(everyKind(), List.of(logA, logB), backups);
        assertTrue(r.applied());
        assertEquals(6, seen.size());
    }

    @Test
    void aFailureInTheMiddleRollsEverythingBack() throws Exception {
        SortedMap<String, String> before = LogDirFixture.tree(tmp);
        ApplyResult r = new RepairExecutor((i, a) -> {
            if (i == 4) throw new IOException("injected disk error");
        }).run(everyKind(), List.of(logA, logB), backups);

        assertEquals(Journal.State.ROLLED_BACK, r.state());
        assertTrue(r.failure().contains("injected disk error"), r.failure());
        assertTrue(r.failure().contains("every file was put back"), r.failure());
        assertEquals(withoutBackupsAndQuarantine(before), withoutBackupsAndQuarantine(LogDirFixture.tree(tmp)));
        Journal j = Journal.read(r.journalFile());
        assertEquals(Journal.State.ROLLED_BACK, j.state());
        assertEquals(Journal.Status.ROLLED_BACK, j.entries().get(0).status());
        assertEquals("injected disk error", j.entries().get(4).error());
        assertEquals(Journal.Status.PENDING, j.entries().get(5).status());
        assertEquals(LockProbe.State.NOT_HELD, LockProbe.probe(logA).state());
    }

    @Test
    void aRealIoFailureInTheMiddleRollsEverythingBack() throws Exception {
        SortedMap<String, String> before = LogDirFixture.tree(logA);
        Path notAFolder = Files.writeString(tmp.resolve("plain-file"), "x");
        Provenance why = Provenance.of("test");
        RepairPlan plan = RepairPlan.of(
                RepairPlan.Step.of(new RepairAction.WriteFile(logA.resolve("meta.properties"), new byte[] {1}, why), "w"),
                RepairPlan.Step.of(new RepairAction.TruncateFile(logA.resolve("orders-0/00000000000000000000.log"), 10, why), "t"),
                // the destination's parent is a regular file: the move fails with a real ENOTDIR
                RepairPlan.Step.of(new RepairAction.MoveOut(logA.resolve("orders-0/00000000000000000000.index"),
                        notAFolder.resolve("sub/x.index"), why), "m"),
                RepairPlan.Step.of(new RepairAction.DeleteFile(logA.resolve("orders-0/leader-epoch-checkpoint"), why), "d"));
        ApplyResult r = RepairExecutor.apply(plan, List.of(logA), backups);
        assertEquals(Journal.State.ROLLED_BACK, r.state(), r.failure());
        assertTrue(r.failure().contains("action 2"), r.failure());
        assertEquals(before, LogDirFixture.tree(logA));
    }

    @Test
    void refusesWhileABrokerInAnotherJvmHoldsTheLock() throws Exception {
        SortedMap<String, String> before = LogDirFixture.tree(tmp);
        try (ChildJvm broker = ChildJvm.start(KafkaLockHolder.class, logB.toString())) {
            broker.await("LOCKED");
            SortedMap<String, String> locked = LogDirFixture.tree(tmp);
            RepairRefusedException e = assertThrows(RepairRefusedException.class,
                    () -> RepairExecutor.apply(everyKind(), List.of(logA, logB), backups));
            assertTrue(e.getMessage().contains("locked by another process"), e.getMessage());
            assertTrue(e.getMessage().contains(logB.toRealPath().toString()), e.getMessage());
            assertEquals(locked, LogDirFixture.tree(tmp), "nothing changed, nothing created");
            assertFalse(Files.exists(backups));
            assertEquals(LockProbe.State.NOT_HELD, LockProbe.probe(logA).state(), "the lock on the first dir was let go");
            broker.send("release");
            assertEquals(0, broker.waitFor());
        }
        assertTrue(RepairExecutor.apply(everyKind(), List.of(logA, logB), backups).applied());
        assertNotEquals(before, LogDirFixture.tree(tmp));
    }

    @Test
    void refusesABackupFolderInsideALogDirEvenThroughASymlink() throws Exception {
        SortedMap<String, String> before = LogDirFixture.tree(tmp);
        RepairRefusedException e = assertThrows(RepairRefusedException.class,
                () -> RepairExecutor.apply(everyKind(), List.of(logA, logB), logA.resolve("kfsck-backup")));
        assertTrue(e.getMessage().contains("inside a log dir"), e.getMessage());
        Path link = Files.createSymbolicLink(tmp.resolve("sneaky"), logB.resolve("orders-0"));
        before = LogDirFixture.tree(tmp);
        RepairRefusedException viaLink = assertThrows(RepairRefusedException.class,
                () -> RepairExecutor.apply(everyKind(), List.of(logA, logB), link.resolve("backup")));
        assertTrue(viaLink.getMessage().contains("inside a log dir"), viaLink.getMessage());
        assertEquals(before, LogDirFixture.tree(tmp));
    }

    @Test
    void refusesPlansThatDoNotFitTheFilesAndListsEveryProblem() throws Exception {
        Files.createDirectories(backups);
        Files.writeString(backups.resolve("old-journal.json"), "{}");
        SortedMap<String, String> before = LogDirFixture.tree(tmp);
        Provenance why = Provenance.of("test");
        RepairPlan plan = RepairPlan.of(
                RepairPlan.Step.of(new RepairAction.TruncateFile(logA.resolve("orders-0/00000000000000000000.index"), 1 << 20, why), "t"),
                RepairPlan.Step.of(new RepairAction.DeleteFile(logA.resolve("orders-0/00000000000000000000.index"), why), "d"),
                RepairPlan.Step.of(new RepairAction.DeleteFile(logA.resolve("orders-0/missing.log"), why), "d"),
                RepairPlan.Step.of(new RepairAction.MoveOut(logA.resolve("meta.properties"), logB.resolve("meta.properties.bak"), why), "m"),
                RepairPlan.Step.of(new RepairAction.WriteFile(tmp.resolve("elsewhere"), new byte[1], why), "w"));
        RepairRefusedException e = assertThrows(RepairRefusedException.class,
                () -> RepairExecutor.apply(plan, List.of(logA, logB), backups));
        List<String> reasons = e.reasons();
        assertEquals(6, reasons.size(), String.join("\n", reasons));
        assertTrue(reasons.get(0).contains("not empty"), reasons.get(0));
        assertEquals(before, LogDirFixture.tree(tmp));
    }

    @Test
    void undoRefusesAFileChangedSinceTheRepairUnlessForcedAndKeepsThatVersion() throws Exception {
        SortedMap<String, String> before = LogDirFixture.tree(logA);
        ApplyResult r = RepairExecutor.apply(everyKind(), List.of(logA, logB), backups);
        assertTrue(r.applied());
        Path lec = logA.resolve("orders-0/leader-epoch-checkpoint");
        Files.writeString(lec, "0\n3\n0 0\n3 500\n7 900\n"); // a broker ran after the repair
        SortedMap<String, String> touched = LogDirFixture.tree(logA);

        RepairRefusedException e = assertThrows(RepairRefusedException.class, () -> Undo.apply(r.journalFile()));
        assertTrue(e.getMessage().contains(lec.toRealPath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(Sha256.of(NEW_LEC)), "names what the repair left: " + e.getMessage());
        assertEquals(touched, LogDirFixture.tree(logA), "a refused undo changes nothing");

        UndoResult u = Undo.apply(r.journalFile(), true);
        assertTrue(u.undone(), u.failure());
        assertEquals(List.of(lec.toRealPath()), u.forced());
        assertEquals(before, LogDirFixture.tree(logA));
        assertEquals("0\n3\n0 0\n3 500\n7 900\n",
                Files.readString(backups.resolve("displaced/0/orders-0/leader-epoch-checkpoint")));
    }

    @Test
    void undoRefusesWhileABrokerHoldsTheLock() throws Exception {
        ApplyResult r = RepairExecutor.apply(everyKind(), List.of(logA, logB), backups);
        SortedMap<String, String> after = LogDirFixture.tree(tmp);
        try (ChildJvm broker = ChildJvm.start(KafkaLockHolder.class, logA.toString())) {
            broker.await("LOCKED");
            after = LogDirFixture.tree(tmp);
            RepairRefusedException e = assertThrows(RepairRefusedException.class, () -> Undo.apply(r.journalFile(), true));
            assertTrue(e.getMessage().contains("locked by another process"), e.getMessage());
            assertEquals(after, LogDirFixture.tree(tmp));
        }
    }

    @Test
    void undoWorksFromAJournalLeftByACrashBetweenAnActionAndItsJournalUpdate() throws Exception {
        SortedMap<String, String> before = LogDirFixture.tree(logA);
        ApplyResult r = RepairExecutor.apply(everyKind(), List.of(logA, logB), backups);
        // as if the process died right after the renames: every entry still PENDING, the repair still APPLYING
        Journal crashed = r.journal().withState(Journal.State.APPLYING, null);
        for (Journal.Entry e : r.journal().entries()) crashed = crashed.withEntry(e.withStatus(Journal.Status.PENDING, null));
        crashed.writeTo(r.journalFile());

        UndoResult u = Undo.apply(r.journalFile());
        assertTrue(u.undone(), u.failure());
        assertEquals(before, LogDirFixture.tree(logA));
    }

    @Test
    void undoRefusesWhenABackupIsDamaged() throws Exception {
        ApplyResult r = RepairExecutor.apply(everyKind(), List.of(logA, logB), backups);
        Journal.Entry cut = r.journal().entries().get(2);
        Path backup = backups.resolve(cut.backup());
        backup.toFile().setWritable(true);
        try (var ch = java.nio.channels.FileChannel.open(backup, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {42}), 1000);
        }
        UndoResult u = Undo.apply(r.journalFile());
        assertEquals(Journal.State.UNDO_FAILED, u.state());
        assertTrue(u.failure().contains("damaged"), u.failure());
        // the entries after the damaged one were restored; the segment keeps its repaired (cut) state
        assertEquals(Sha256.of(logA.resolve("orders-0/00000000000000000000.log")), cut.sha256After());
        Map<String, String> tree = LogDirFixture.tree(logA);
        assertTrue(tree.containsKey("orders-0/00000000000000000000.index"));
    }
}
