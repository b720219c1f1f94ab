package dev.kfsck.core.io;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the segment walk relies on to read many batches per {@link ByteWindows#cover} call: after a cover of
 * [position, position + length), every byte from position up to the window's limit or the end of the file is the
 * file's, at index {@code byte - windowStart()}. Checked for every kind of window, with forward walks, jumps back and
 * requests that straddle window ends.
 */
class ByteWindowsContractTest {

    @Property(tries = 300)
    void bytesFromTheRequestToTheLimitAreTheFiles(@ForAll @IntRange(min = 0, max = 20_000) int size,
                                                 @ForAll @IntRange(min = 64, max = 6000) int readBuffer,
                                                 @ForAll long seed) throws IOException {
        Random rnd = new Random(seed);
        byte[] file = new byte[size];
        rnd.nextBytes(file);
        Path dir = Files.createTempDirectory("windows");
        Path path = dir.resolve("f");
        Files.write(path, file);
        try {
            for (ByteWindows w : new ByteWindows[] {ByteWindows.read(path, readBuffer), ByteWindows.mapped(path, 4096),
                    ByteWindows.mapped(path, 8192), ByteWindows.readAhead(path, readBuffer, readBuffer, 3, 2), ByteWindows.of(file), ByteWindows.of(
                    ByteBuffer.allocateDirect(size + 5).position(5).put(file).position(5))}) {
                try (w) {
                    checkRequests(w, file, rnd);
                }
            }
        } finally {
            Files.delete(path);
            Files.delete(dir);
        }
    }

    private static void checkRequests(ByteWindows w, byte[] file, Random rnd) throws IOException {
        assertEquals(file.length, w.size());
        if (file.length == 0) return;
        long p = 0;
        for (int k = 0; k < 60; k++) {
            p = rnd.nextInt(4) == 0 ? rnd.nextInt(file.length) : Math.min(file.length - 1, p + rnd.nextInt(200));
            int length = (int) Math.min(Math.min(w.maxWindow(), file.length - p), 1 + rnd.nextInt(300));
            ByteBuffer b = w.cover(p, length);
            long start = w.windowStart();
            long end = Math.min(file.length, start + b.limit());
            assertTrue(start <= p && p + length <= end, "the window holds the request");
            for (long x = p; x < end; x++) {
                assertEquals(file[(int) x], b.get((int) (x - start)), "byte " + x + " after a cover at " + p + " in " + w);
            }
        }
    }
}
