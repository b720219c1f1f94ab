package dev.kfsck.core.format.segment;

import dev.kfsck.core.io.ByteWindows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the byte sources size what they allocate. */
class ByteSourceTest {

    @TempDir
    Path dir;

    /** A 16 MiB read-ahead window over a file of 5000 bytes would mean 192 MiB of buffers, zeroed for nothing. */
    @Test
    void readAheadChunksAreNeverBiggerThanTheFile() throws IOException {
        Path file = Files.write(dir.resolve("00000000000000000000.log"), new byte[5000]);
        try (ByteWindows w = ByteSource.READ_AHEAD.open(file, 5000, 16 << 20)) {
            assertEquals(5000, w.maxWindow());
            // six slots of the file's size and their headroom, not of 16 MiB
            assertEquals(ByteSource.READ_AHEAD_BUFFERS * 2 * 5000, w.cover(0, 5000).capacity());
        }
        try (ByteWindows w = ByteSource.READ_AHEAD.open(file, 5000, 0)) {
            assertEquals(5000, w.maxWindow());
        }
    }

    @Test
    void bigReadAheadWindowsTakeFewerSlots() throws IOException {
        long size = 40L << 20;
        Path file = dir.resolve("00000000000000000000.log");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1), size - 1); // a sparse file of 40 MiB
        }
        try (ByteWindows w = ByteSource.READ_AHEAD.open(file, size, 16 << 20)) {
            assertEquals(16 << 20, w.maxWindow());
            // two slots of a chunk and its headroom: 64 MiB, where six would have been 192 MiB
            assertEquals(2L * 2 * (16 << 20), w.cover(0, 64).capacity());
        }
    }
}
