package dev.kfsck.core.repair.plan;

import java.nio.file.Path;

/**
 * Where repairs put what they take out of a log dir, under the operator's {@link RepairOptions#outsideDir()}:
 * {@code moved-out/<parent>-<log dir name>/<relative path>} for files and folders moved out whole, and
 * {@code salvage/<parent>-<log dir name>/<relative path>} for the valid batches saved from beyond a cut.
 */
final class Outside {

    private Outside() {
    }

    static Path movedOut(RepairOptions options, Path logDir, String rel) {
        return options.outsideDir().resolve("moved-out").resolve(name(logDir)).resolve(rel);
    }

    static Path salvage(Path outsideDir, Path logDir, String rel) {
        return outsideDir.resolve("salvage").resolve(name(logDir)).resolve(rel);
    }

    /** The log dir's parent and own name ({@code node-1-data}), so that dirs of several nodes named alike stay apart. */
    static String name(Path logDir) {
        Path abs = logDir.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        String own = abs.getFileName() == null ? "root" : abs.getFileName().toString();
        return parent == null || parent.getFileName() == null ? own : parent.getFileName() + "-" + own;
    }
}
