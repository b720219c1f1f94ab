package dev.kfsck.core.io;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The read-ahead windows hand out exactly the file's bytes, whatever the order of the requests. */
class PrefetchReadWindowsTest {

    /** A forward walk in steps like a scan's (header, then the whole batch), with jumps and steps back mixed in. */
    @Property(tries = 300)
    void everyWindowHoldsTheFileBytesAtTheRequestedPlace(@ForAll @IntRange(min = 1, max = 40_000) int size,
                                                         @ForAll @IntRange(min = 64, max = 5000) int chunk,
                                                         @ForAll @IntRange(min = 0, max = 100) int carryPercent,
                                                         @ForAll @IntRange(min = 2, max = 4) int buffers,
                                                         @ForAll @IntRange(min = 1, max = 3) int helpers,
                                                         @ForAll long seed) throws IOException {
        Random rnd = new Random(seed);
        byte[] bytes = new byte[size];
        rnd.nextBytes(bytes);
        Path file = Files.createTempFile("kfsck-prefetch", ".log");
        try {
            Files.write(file, bytes);
            int carry = chunk * carryPercent / 100;
            try (ByteWindows w = ByteWindows.readAhead(file, chunk, carry, buffers, helpers)) {
                assertEquals(size, w.size());
                assertEquals(chunk, w.maxWindow());
                long p = 0;
                for (int step = 0; step < 400 && p < size; step++) {
                    int maxLen = (int) Math.min(chunk, size - p);
                    int len = rnd.nextInt(10) == 0 ? maxLen : rnd.nextInt(Math.min(maxLen, 600) + 1);
                    check(w, bytes, p, Math.min(len, 61));
                    check(w, bytes, p, len);
                    int r = rnd.nextInt(20);
                    if (r == 0) p = rnd.nextInt(size);                      // a jump anywhere
                    else if (r == 1) p = Math.max(0, p - rnd.nextInt(3000)); // back a little
                    else p += Math.max(1, len);
                }
            }
        } finally {
            Files.delete(file);
        }
    }

    /** The request and every byte after it up to the window's limit (or the end of the file) are the file's. */
    private static void check(ByteWindows w, byte[] bytes, long p, int len) throws IOException {
        ByteBuffer b = w.cover(p, len);
        long start = w.windowStart();
        long end = Math.min(bytes.length, start + b.limit());
        assertTrue(p + len <= end, "the window holds [" + p + ", +" + len + ")");
        for (long x = p; x < end; x++) {
            if (b.get((int) (x - start)) != bytes[(int) x]) {
                throw new AssertionError("byte " + x + " after a cover of [" + p + ", +" + len + ") differs");
            }
        }
    }

    @TempDir
    Path dir;

    /** Random bytes (from {@code seed}) in a new file of the temporary folder. */
    private Path fileOf(byte[] bytes, long seed) throws IOException {
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve(seed + ".log"), bytes);
    }

    @Test
    void aForwardScanCarriesSplitBatchesOverInsteadOfRereading() throws IOException {
        byte[] bytes = new byte[1 << 20];
        try (ByteWindows w = ByteWindows.readAhead(fileOf(bytes, 3), 64 << 10, 16 << 10, 3, 2)) {
            for (long p = 0; p < bytes.length; p += 1000) check(w, bytes, p, (int) Math.min(3000, bytes.length - p));
            assertEquals(16, w.refills(), "one fill per 64 KiB chunk, no rereads");
        }
    }

    @Test
    void buffersReusedByTheNextFileNeverShowTheLastFilesBytes() throws IOException {
        byte[] a = new byte[300_000];
        byte[] b = new byte[200_000];
        Path fa = fileOf(a, 1);
        Path fb = fileOf(b, 2);
        for (int round = 0; round < 3; round++) {
            for (Path f : new Path[] {fa, fb}) {
                byte[] bytes = f == fa ? a : b;
                ByteWindows w = ByteWindows.readAhead(f, 32 << 10, 32 << 10, 4, 2);
                for (long p = 0; p < bytes.length; p += 7000) check(w, bytes, p, (int) Math.min(9000, bytes.length - p));
                w.close();
                w.close(); // a second close must not hand the buffers out twice
            }
        }
    }

    /** Small batches: the walk is the slow side, the helper keeps ahead and the caller never reads. */
    @Test
    void aCallerSlowerThanTheReadsLeavesTheReadingToTheHelper() throws IOException, InterruptedException {
        byte[] bytes = new byte[1 << 20];
        try (PrefetchReadWindows w = (PrefetchReadWindows) ByteWindows.readAhead(fileOf(bytes, 4), 64 << 10, 64 << 10, 4, 1)) {
            for (long p = 0; p < bytes.length; p += 64 << 10) {
                check(w, bytes, p, 64 << 10);
                Thread.sleep(20); // ample for the helper to read 64 KiB, even on a busy machine
            }
            assertEquals(0, w.chunksReadByCaller());
        }
    }

    /** Big batches: a caller faster than the helper reads chunks itself instead of waiting, and sees the file. */
    @Test
    void aCallerFasterThanTheReadsReadsChunksItself() throws IOException {
        byte[] bytes = new byte[8 << 20];
        try (PrefetchReadWindows w = (PrefetchReadWindows) ByteWindows.readAhead(fileOf(bytes, 5), 4 << 10, 4 << 10, 4, 1)) {
            for (long p = 0; p < bytes.length; p += 4 << 10) check(w, bytes, p, 4 << 10);
            assertTrue(w.chunksReadByCaller() > 0, "the caller read no chunk itself");
            assertEquals(2048, w.refills(), "every chunk once, in order");
        }
    }

    @Test
    void rangesOutsideTheFileAreRejected() throws IOException {
        try (ByteWindows w = ByteWindows.readAhead(fileOf(new byte[5000], 6), 1024, 256, 2, 1)) {
            assertThrows(IllegalArgumentException.class, () -> w.cover(4990, 20));
            assertThrows(IllegalArgumentException.class, () -> w.cover(0, 1025));
            assertThrows(IllegalArgumentException.class, () -> w.cover(-1, 1));
            assertTrue(w.cover(4990, 10).capacity() >= 1024);
        }
    }
}
