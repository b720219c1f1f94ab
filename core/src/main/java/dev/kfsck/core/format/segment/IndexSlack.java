package dev.kfsck.core.format.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Shared helpers of the index parsers. */
final class IndexSlack {

    private IndexSlack() {
    }

    /** The number of slots before the trailing run of all-zero slots. */
    static int realEntries(ByteBuffer b, int slots, int entrySize) {
        int end = slots * entrySize;
        int i = end;
        while (i > 0 && b.get(i - 1) == 0) i--;
        return (i + entrySize - 1) / entrySize;
    }

    /** A read-only map of a whole file (an index is at most 2 GiB by construction of its int positions). */
    static ByteBuffer map(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = Math.min(ch.size(), Integer.MAX_VALUE);
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
    }
}
