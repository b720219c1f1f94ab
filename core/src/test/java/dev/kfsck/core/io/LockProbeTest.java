package dev.kfsck.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockProbeTest {

    @TempDir
    Path dir;

    @Test
    void missingLockFileIsNotHeldAndIsNotCreated() throws Exception {
        LockProbe.Result r = LockProbe.probe(dir);
        assertEquals(LockProbe.State.NOT_HELD, r.state());
        assertFalse(r.lockFileExists());
        assertFalse(Files.exists(dir.resolve(".lock")), "probing must not create .lock");
    }

    @Test
    void leftoverLockFileOfACrashedBrokerIsNotHeldAndIsNotTouched() throws Exception {
        Path lock = Files.createFile(dir.resolve(".lock"));
        FileTime mtime = FileTime.fromMillis(1_000_000_000L);
        Files.setLastModifiedTime(lock, mtime);
        LockProbe.Result r = LockProbe.probe(dir);
        assertEquals(LockProbe.State.NOT_HELD, r.state());
        assertTrue(r.lockFileExists());
        assertEquals(0, Files.size(lock));
        assertEquals(mtime, Files.getLastModifiedTime(lock));
    }

    @Test
    void lockHeldByKafkaInAnotherJvmIsHeldUntilThatJvmExits() throws Exception {
        try (ChildJvm broker = ChildJvm.start(KafkaLockHolder.class, dir.toString())) {
            assertEquals("LOCKED", broker.await("LOCKED"));
            LockProbe.Result r = LockProbe.probe(dir);
            assertEquals(LockProbe.State.HELD_BY_ANOTHER_PROCESS, r.state(), r.describe());
            if (Files.isReadable(Path.of("/proc/locks"))) {
                assertEquals(broker.pid(), r.holderPid().orElse(-1), "holder pid from /proc/locks");
            }
            LockHeldException e = assertThrows(LockHeldException.class, () -> LockProbe.acquire(dir));
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
            // probing twice must not have disturbed the broker's lock
            assertTrue(LockProbe.isHeld(dir));
            broker.send("release");
            broker.await("RELEASED");
            assertEquals(0, broker.waitFor());
        }
        assertEquals(LockProbe.State.NOT_HELD, LockProbe.probe(dir).state());
    }

    @Test
    void lockOfAKilledBrokerIsFreeAndItsFileRemains() throws Exception {
        try (ChildJvm broker = ChildJvm.start(KafkaLockHolder.class, dir.toString())) {
            broker.await("LOCKED");
            assertTrue(LockProbe.isHeld(dir));
            broker.kill();
        }
        LockProbe.Result r = LockProbe.probe(dir);
        assertEquals(LockProbe.State.NOT_HELD, r.state());
        assertTrue(r.lockFileExists(), "SIGKILL leaves the 0-byte .lock behind");
    }

    @Test
    void lockHeldByAnotherChannelOfThisJvmIsReportedWithoutReleasingIt() throws Exception {
        Path lockFile = dir.resolve(".lock");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            assertTrue(lock != null);
            assertEquals(LockProbe.State.HELD_BY_THIS_JVM, LockProbe.probe(dir).state());
            assertEquals(LockProbe.State.HELD_BY_THIS_JVM, LockProbe.probe(dir).state());
            // a naive open/tryLock/close probe would have dropped the POSIX lock: another process could now take it
            try (ChildJvm other = ChildJvm.start(KafkaLockHolder.class, dir.toString(), "probe")) {
                assertEquals("BUSY", other.readLine());
                assertEquals(0, other.waitFor());
            }
            lock.release();
        }
    }

    @Test
    void acquireKeepsBrokersOutAndRestoresTheDirOnClose() throws Exception {
        assertFalse(Files.exists(dir.resolve(".lock")));
        try (LockProbe.Held held = LockProbe.acquire(dir)) {
            assertTrue(held.createdLockFile());
            assertTrue(Files.exists(dir.resolve(".lock")));
            assertEquals(0, Files.size(dir.resolve(".lock")));
            assertEquals(LockProbe.State.HELD_BY_THIS_JVM, LockProbe.probe(dir).state());
            try (ChildJvm broker = ChildJvm.start(KafkaLockHolder.class, dir.toString(), "probe")) {
                assertEquals("BUSY", broker.readLine());
            }
            LockHeldException twice = assertThrows(LockHeldException.class, () -> LockProbe.acquire(dir));
            assertEquals(LockProbe.State.HELD_BY_THIS_JVM, twice.probe().state());
        }
        assertFalse(Files.exists(dir.resolve(".lock")), "a .lock kfsck created is removed again");
        try (ChildJvm broker = ChildJvm.start(KafkaLockHolder.class, dir.toString(), "probe")) {
            assertEquals("FREE", broker.readLine());
        }
    }

    @Test
    void acquireLeavesAnExistingLockFileInPlace() throws Exception {
        Files.createFile(dir.resolve(".lock"));
        try (LockProbe.Held held = LockProbe.acquire(dir)) {
            assertFalse(held.createdLockFile());
        }
        assertTrue(Files.exists(dir.resolve(".lock")));
        assertEquals(LockProbe.State.NOT_HELD, LockProbe.probe(dir).state());
    }

    @Test
    void createdLockFileBelongsToTheLogDirOwnerSoTheBrokerCanOpenIt() throws Exception {
        int uid = ChildJvm.isRoot() ? 65534 : (Integer) Files.getAttribute(dir, "unix:uid");
        int gid = ChildJvm.isRoot() ? 65534 : (Integer) Files.getAttribute(dir, "unix:gid");
        new FileAttrs(0755, uid, gid).applyTo(dir);
        try (LockProbe.Held held = LockProbe.acquire(dir)) {
            FileAttrs a = FileAttrs.of(dir.resolve(".lock"));
            assertEquals(new FileAttrs(0644, uid, gid), a);
        }
    }

    @Test
    void procLocksLinesAreParsedAndWaitersSkipped() {
        List<ProcLocks.Held> held = ProcLocks.parse(List.of(
                "1: POSIX  ADVISORY  WRITE 8504 fe:00:2154518 0 EOF",
                "1: -> POSIX  ADVISORY  WRITE 8600 fe:00:2154518 0 EOF",
                "2: FLOCK  ADVISORY  WRITE 77 08:01:12 0 EOF",
                "3: OFDLCK ADVISORY  READ  -1 00:05:99 0 EOF",
                "garbage"));
        assertEquals(3, held.size());
        assertEquals(new ProcLocks.Held("POSIX", 8504, 0xfe, 0, 2154518), held.get(0));
        assertEquals(new ProcLocks.Held("FLOCK", 77, 8, 1, 12), held.get(1));
        assertEquals(-1, held.get(2).pid());
    }

    @Test
    void deviceNumbersDecodeLikeGlibc() {
        assertEquals(0xfe, ProcLocks.major(0xfe00));
        assertEquals(0, ProcLocks.minor(0xfe00));
        assertEquals(259, ProcLocks.major(0x10301L));
        assertEquals(1, ProcLocks.minor(0x10301L));
        // large minors spill into the high bits: makedev(8, 300) = 0x812c | (0x100 << 12)
        long dev = (8L << 8) | (300 & 0xff) | ((300L & ~0xffL) << 12);
        assertEquals(8, ProcLocks.major(dev));
        assertEquals(300, ProcLocks.minor(dev));
    }
}
