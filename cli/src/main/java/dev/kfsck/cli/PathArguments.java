package dev.kfsck.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks, before any work, that the paths named on the command line can be read at all. */
final class PathArguments {

    private PathArguments() {
    }

    /** Every path must be a readable directory; otherwise an operational error (exit 8). */
    static void requireReadableDirs(List<Path> dirs) {
        for (Path d : dirs) {
            if (!Files.exists(d)) throw KfsckException.operational("cannot read " + d + ": no such directory");
            if (!Files.isDirectory(d)) throw KfsckException.operational("cannot read " + d + ": not a directory (give the log dir itself)");
            if (!Files.isReadable(d) || !Files.isExecutable(d)) throw KfsckException.operational("cannot read " + d + ": permission denied");
        }
    }

    /** Every path must be a readable regular file; otherwise an operational error (exit 8). */
    static void requireReadableFiles(List<Path> files) {
        for (Path f : files) {
            if (!Files.exists(f)) throw KfsckException.operational("cannot read " + f + ": no such file");
            if (Files.isDirectory(f)) throw KfsckException.operational("cannot read " + f + ": is a directory (dump decodes one file; use 'kfsck check' for a dir)");
            if (!Files.isReadable(f)) throw KfsckException.operational("cannot read " + f + ": permission denied");
        }
    }
}
