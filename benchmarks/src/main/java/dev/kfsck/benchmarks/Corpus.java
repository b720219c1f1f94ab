package dev.kfsck.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The segment files of a benchmark corpus: every {@code .log} file below a folder, in a stable order. */
final class Corpus {

    private Corpus() {
    }

    static List<Path> segments(String dir) {
        Path root = Path.of(dir);
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> logs = s.filter(p -> p.getFileName().toString().endsWith(".log"))
                    .filter(p -> !p.toString().contains("__cluster_metadata"))
                    .sorted()
                    .toList();
            if (logs.isEmpty()) throw new IllegalArgumentException("no .log segments below " + root.toAbsolutePath());
            return logs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long totalBytes(List<Path> files) {
        long n = 0;
        for (Path p : files) {
            try {
                n += Files.size(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return n;
    }
}
