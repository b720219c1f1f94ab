package dev.kfsck.core.format.segment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory for jqwik properties (which do not get JUnit's {@code @TempDir}). */
final class TempFiles implements AutoCloseable {

    final Path dir;

    TempFiles() throws IOException {
        dir = Files.createTempDirectory("kfsck-segment");
    }

    @Override
    public void close() {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
