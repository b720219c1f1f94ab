package dev.kfsck.core.repair;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which log dir a path lies in, with symlinks and ".." resolved, for paths that may not exist yet. */
final class LogDirs {

    private final List<Path> dirs;

    LogDirs(List<Path> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    /** Resolves each log dir; each must be an existing directory. */
    static LogDirs resolve(List<Path> logDirs, List<String> problems) {
        List<Path> real = new ArrayList<>();
        for (Path d : logDirs) {
            try {
                if (!Files.isDirectory(d)) {
                    problems.add("log dir " + d + " is not a directory");
                    continue;
                }
                Path r = d.toRealPath();
                if (real.contains(r)) problems.add("log dir " + d + " is given twice");
                else real.add(r);
            } catch (IOException e) {
                problems.add("cannot resolve log dir " + d + ": " + e.getMessage());
            }
        }
        return new LogDirs(real);
    }

    List<Path> all() {
        return dirs;
    }

    /**
     * The real form of a path that may not exist: the real path of its nearest existing ancestor plus the rest.
     */
    static Path real(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) existing = existing.getParent();
        if (existing == null) return abs;
        Path rest = existing.relativize(abs);
        return existing.toRealPath().resolve(rest).normalize();
    }

    /** The log dir that holds {@code real} (the path itself inside, not the dir), if any. */
    Optional<Path> containing(Path real) {
        return dirs.stream().filter(d -> real.startsWith(d) && !real.equals(d)).findFirst();
    }

    /** Whether {@code real} is a log dir or lies inside one. */
    boolean insideAny(Path real) {
        return dirs.stream().anyMatch(real::startsWith);
    }

    /** The '/'-separated path of {@code real} relative to {@code dir}. */
    static String relative(Path dir, Path real) {
        return dir.relativize(real).toString().replace(java.io.File.separatorChar, '/');
    }
}
