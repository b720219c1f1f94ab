package dev.kfsck.core.format.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.function.Predicate;

/** The text files of the real broker fixtures under {@code testdata/fixtures} (test helper, shared by packages). */
public final class FixtureFiles {

    /** Where the fixtures are, seen from the core module. */
    public static final Path ROOT = Paths.get("..", "testdata", "fixtures");

    /** A fixture file and its path relative to its log dir. */
    public record FixtureFile(Path path, String relative) {
        public byte[] bytes() {
            try {
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return ROOT.relativize(path).toString();
        }
    }

    private FixtureFiles() {
    }

    public static boolean present() {
        return Files.isDirectory(ROOT);
    }

    /** Every regular file whose name passes the filter, with its path relative to the log dir holding it. */
    public static List<FixtureFile> find(Predicate<String> name) {
        if (!present()) return List.of();
        try (var walk = Files.walk(ROOT)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> name.test(p.getFileName().toString()))
                    .map(p -> new FixtureFile(p, relative(p)))
                    .sorted(java.util.Comparator.comparing(FixtureFile::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The log dir is the nearest ancestor holding meta.properties. */
    private static String relative(Path p) {
        for (Path d = p.getParent(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("meta.properties"))) return d.relativize(p).toString().replace('\\', '/');
        }
        return p.getFileName().toString();
    }
}
