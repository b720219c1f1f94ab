package dev.kfsck.core.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeWriterTest {

    @TempDir
    Path dir;

    /** A uid/gid other than ours when we are root (the repair-pod case), else our own. */
    private FileAttrs brokerAttrs(int mode) throws IOException {
        if (ChildJvm.isRoot()) return new FileAttrs(mode, 65534, 65534);
        FileAttrs me = FileAttrs.of(dir);
        return new FileAttrs(mode, me.uid(), me.gid());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeReplacesTheContentAndKeepsOwnerGroupAndMode() throws Exception {
        Path f = dir.resolve("quorum-state");
        Files.write(f, "old".getBytes(UTF_8));
        FileAttrs broker = brokerAttrs(0640);
        broker.applyTo(f);

        SafeWriter.write(f, "new content".getBytes(UTF_8));

        assertEquals("new content", Files.readString(f));
        assertEquals(broker, FileAttrs.of(f));
        assertEquals(List.of("quorum-state"), names(), "no temp file left");
    }

    @Test
    void aReadOnlySnapshotModeIsKept() throws Exception {
        Path f = dir.resolve("00000000000000000225-0000000001.checkpoint");
        Files.write(f, new byte[] {1, 2, 3});
        brokerAttrs(0400).applyTo(f);
        SafeWriter.write(f, new byte[] {4, 5});
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(f));
        assertEquals(0400, FileAttrs.of(f).mode());
    }

    @Test
    void aNewFileGetsTheDirectorysOwnerAndMode0644() throws Exception {
        FileAttrs broker = brokerAttrs(0755);
        broker.applyTo(dir);
        Path f = dir.resolve("partition.metadata");
        SafeWriter.write(f, "version: 0\n".getBytes(UTF_8));
        assertEquals(new FileAttrs(0644, broker.uid(), broker.gid()), FileAttrs.of(f));
    }

    @Test
    void theTempFileIsNamedSoKafkaIgnoresIt() {
        Path t = SafeWriter.tempFor(dir.resolve("00000000000000000000.log"));
        String name = t.getFileName().toString();
        assertEquals(".00000000000000000000.log.kfsck-tmp", name);
        assertEquals(dir, t.getParent());
        assertTrue(SafeWriter.isTempName(name));
        for (String kafkaSuffix : List.of(".log", ".index", ".timeindex", ".txnindex", ".snapshot", ".deleted",
                ".cleaned", ".swap", ".checkpoint", ".part", ".tmp")) {
            assertFalse(name.endsWith(kafkaSuffix), kafkaSuffix);
        }
    }

    @Test
    void aLeftoverTempFileFromACrashIsReplacedNotAppendedTo() throws Exception {
        Path f = dir.resolve("leader-epoch-checkpoint");
        Files.write(f, "0\n0\n".getBytes(UTF_8));
        Files.write(SafeWriter.tempFor(f), "half-written garbage that is longer".getBytes(UTF_8));
        SafeWriter.write(f, "0\n1\n0 0\n".getBytes(UTF_8));
        assertEquals("0\n1\n0 0\n", Files.readString(f));
        assertEquals(List.of("leader-epoch-checkpoint"), names());
    }

    @Test
    void aFailureWhileWritingLeavesTheOriginalAndNoTempFile() throws Exception {
        Path f = dir.resolve("replication-offset-checkpoint");
        Files.write(f, "0\n0\n".getBytes(UTF_8));
        IOException e = assertThrows(IOException.class, () -> SafeWriter.write(f, FileAttrs.of(f), out -> {
            out.write(ByteBuffer.wrap("0\n1\n".getBytes(UTF_8)));
            throw new IOException("simulated device error");
        }));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("simulated device error"), e.getMessage());
        assertEquals("0\n0\n", Files.readString(f));
        assertEquals(List.of("replication-offset-checkpoint"), names());
    }

    @Test
    void aFullDiskLeavesTheOriginalAndNoTempFile() throws Exception {
        Path mnt = Files.createDirectory(dir.resolve("small"));
        Tmpfs fs = Tmpfs.mount(mnt, "64k");
        assumeTrue(fs != null, Tmpfs.reason);
        try (fs) {
            Path f = mnt.resolve("meta.properties");
            Files.write(f, "node.id=1\n".getBytes(UTF_8));
            byte[] big = new byte[256 * 1024];
            new Random(1).nextBytes(big);
            IOException e = assertThrows(IOException.class, () -> SafeWriter.write(f, big));
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
            assertEquals("node.id=1\n", Files.readString(f));
            try (Stream<Path> s = Files.list(mnt)) {
                assertEquals(List.of(f), s.toList());
            }
        }
    }

    @Test
    void aReadOnlyFileSystemLeavesTheOriginalAndNoTempFile() throws Exception {
        Path mnt = Files.createDirectory(dir.resolve("ro"));
        Tmpfs fs = Tmpfs.mount(mnt, "1m");
        assumeTrue(fs != null, Tmpfs.reason);
        try (fs) {
            Path f = mnt.resolve("quorum-state");
            Files.write(f, "{}".getBytes(UTF_8));
            fs.remountReadOnly();
            IOException e = assertThrows(IOException.class, () -> SafeWriter.write(f, "{\"leaderEpoch\":3}".getBytes(UTF_8)));
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("Read-only file system"), e.getMessage());
            assertEquals("{}", Files.readString(f));
            assertThrows(IOException.class, () -> SafeWriter.truncate(f, 1));
            assertThrows(IOException.class, () -> SafeWriter.delete(f));
            assertEquals("{}", Files.readString(f));
            try (Stream<Path> s = Files.list(mnt)) {
                assertEquals(List.of(f), s.toList());
            }
        }
    }

    @Test
    void aPermissionErrorLeavesTheOriginalAndNoTempFile() throws Exception {
        Path logDir = Files.createDirectory(dir.resolve("logdir"));
        Path f = logDir.resolve("recovery-point-offset-checkpoint");
        Files.write(f, "0\n0\n".getBytes(UTF_8));
        String answer;
        if (ChildJvm.isRoot()) {
            // root ignores permission bits: run the writer as the unprivileged user 'nobody' instead
            assumeTrue(Tmpfs.onPath("setpriv"), "running as root and no setpriv to drop privileges");
            new FileAttrs(0755, 0, 0).applyTo(logDir);
            new FileAttrs(0755, 0, 0).applyTo(dir);
            String cp = ChildJvm.locationOf(SafeWriter.class) + ":" + ChildJvm.locationOf(SafeWriteChild.class);
            try (ChildJvm child = ChildJvm.start(
                    List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"), cp,
                    SafeWriteChild.class, "write", f.toString(), "1\n0\n")) {
                answer = child.readLine();
                assertEquals(0, child.waitFor());
            }
        } else {
            new FileAttrs(0555, FileAttrs.of(logDir).uid(), FileAttrs.of(logDir).gid()).applyTo(logDir);
            try {
                SafeWriter.write(f, "1\n0\n".getBytes(UTF_8));
                answer = "OK";
            } catch (IOException e) {
                answer = "IOE " + e.getMessage();
            } finally {
                new FileAttrs(0755, FileAttrs.of(logDir).uid(), FileAttrs.of(logDir).gid()).applyTo(logDir);
            }
        }
        assertTrue(answer.startsWith("IOE cannot write " + f), answer);
        assertTrue(answer.contains("permission denied") || answer.contains("Permission denied"), answer);
        assertEquals("0\n0\n", Files.readString(f));
        try (Stream<Path> s = Files.list(logDir)) {
            assertEquals(List.of(f), s.toList());
        }
    }

    @Test
    void truncateKeepsThePrefixAndTheAttributes() throws Exception {
        Path seg = dir.resolve("00000000000000000000.log");
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        Files.write(seg, data);
        FileAttrs broker = brokerAttrs(0644);
        broker.applyTo(seg);
        SafeWriter.truncate(seg, 1_000_003);
        byte[] now = Files.readAllBytes(seg);
        assertEquals(1_000_003, now.length);
        assertEquals(ByteBuffer.wrap(data, 0, 1_000_003), ByteBuffer.wrap(now));
        assertEquals(broker, FileAttrs.of(seg));
        assertEquals(List.of("00000000000000000000.log"), names());
    }

    @Test
    void truncateStreamsAFileManyTimesLargerThanTheHeap() throws Exception {
        Path seg = dir.resolve("00000000000000001000.log");
        long size = 256L << 20;
        long cut = size - (1 << 20) - 5;
        java.security.MessageDigest prefix = Sha256.newDigest();
        try (OutputStream out = Files.newOutputStream(seg)) {
            byte[] chunk = new byte[1 << 20];
            for (long n = 0; n < size; n += chunk.length) {
                chunk[(int) (n >>> 20)] = (byte) (n >>> 20 | 1);
                out.write(chunk);
                prefix.update(chunk, 0, (int) Math.max(0, Math.min(chunk.length, cut - n)));
            }
        }
        // a 32 MiB heap cannot hold the 256 MiB segment: only a streamed copy succeeds
        try (ChildJvm child = ChildJvm.start(List.of(), List.of("-Xmx32m"), ChildJvm.locationOf(SafeWriter.class)
                + ":" + ChildJvm.locationOf(SafeWriteChild.class), SafeWriteChild.class, "truncate", seg.toString(), "" + cut)) {
            assertEquals("OK", child.readLine());
            assertEquals(0, child.waitFor());
        }
        assertEquals(cut, Files.size(seg));
        assertEquals(Sha256.hex(prefix.digest()), Sha256.of(seg));
    }

    @Test
    void truncateBeyondTheEndIsRefusedAndChangesNothing() throws Exception {
        Path f = dir.resolve("00000000000000000000.index");
        Files.write(f, new byte[10]);
        IOException e = assertThrows(IOException.class, () -> SafeWriter.truncate(f, 11));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertEquals(10, Files.size(f));
        assertEquals(List.of("00000000000000000000.index"), names());
    }

    @Test
    void deleteRemovesAndAMissingFileIsAClearError() throws Exception {
        Path f = Files.write(dir.resolve("x.snapshot"), new byte[1]);
        SafeWriter.delete(f);
        assertFalse(Files.exists(f));
        IOException e = assertThrows(IOException.class, () -> SafeWriter.delete(f));
        assertTrue(e.getMessage().startsWith("cannot delete " + f), e.getMessage());
    }

    @Test
    void moveCreatesParentsKeepsAttributesAndNeverOverwrites() throws Exception {
        Path src = Files.write(dir.resolve("orders-0.log"), "abc".getBytes(UTF_8));
        FileAttrs broker = brokerAttrs(0640);
        broker.applyTo(src);
        Path dst = dir.resolve("outside/a/b/orders-0.log");
        SafeWriter.move(src, dst);
        assertFalse(Files.exists(src));
        assertEquals("abc", Files.readString(dst));
        assertEquals(broker, FileAttrs.of(dst));

        Path other = Files.write(dir.resolve("other"), "zzz".getBytes(UTF_8));
        IOException e = assertThrows(IOException.class, () -> SafeWriter.move(other, dst));
        assertTrue(e.getMessage().contains(dst.toString()), e.getMessage());
        assertEquals("abc", Files.readString(dst));
        assertEquals("zzz", Files.readString(other));
    }

    @Test
    void moveAcrossFileSystemsCopiesThenDeletes() throws Exception {
        Path mnt = Files.createDirectory(dir.resolve("other-fs"));
        Tmpfs fs = Tmpfs.mount(mnt, "4m");
        assumeTrue(fs != null, Tmpfs.reason);
        try (fs) {
            byte[] data = new byte[300_000];
            new Random(3).nextBytes(data);
            Path src = Files.write(mnt.resolve("00000000000000000000.log"), data);
            FileAttrs broker = brokerAttrs(0604);
            broker.applyTo(src);
            Path dst = dir.resolve("quarantine/00000000000000000000.log");
            SafeWriter.move(src, dst);
            assertFalse(Files.exists(src));
            assertArrayEquals(data, Files.readAllBytes(dst));
            assertEquals(broker, FileAttrs.of(dst));
            try (Stream<Path> s = Files.list(dst.getParent())) {
                assertEquals(List.of(dst), s.toList(), "no temp file left at the destination");
            }
        }
    }

    @Test
    void copyReplacesFromAnotherFileStreamed() throws Exception {
        byte[] data = new byte[2_000_000];
        new Random(5).nextBytes(data);
        Path backup = Files.write(dir.resolve("backup.bin"), data);
        Path target = Files.write(dir.resolve("target"), new byte[] {9});
        FileAttrs attrs = brokerAttrs(0600);
        SafeWriter.copy(backup, target, attrs);
        assertArrayEquals(data, Files.readAllBytes(target));
        assertEquals(attrs, FileAttrs.of(target));
    }
}
