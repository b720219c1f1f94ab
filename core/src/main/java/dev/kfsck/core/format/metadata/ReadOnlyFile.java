package dev.kfsck.core.format.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Maps a file read-only: opened with READ alone, so nothing is created, locked or written. */
final class ReadOnlyFile {

    private ReadOnlyFile() {
    }

    /** The whole file as a read-only buffer indexed from 0. Files over 2 GiB are refused, as Kafka refuses them. */
    static ByteBuffer map(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) throw new IOException("file larger than 2 GiB: " + path);
            if (size == 0) return ByteBuffer.allocate(0).asReadOnlyBuffer();
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
    }
}
