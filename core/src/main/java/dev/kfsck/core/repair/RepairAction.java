package dev.kfsck.core.repair;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * One change to one file of a log dir. Actions are pure data, independent of file formats: bytes in, bytes out.
 * {@link RepairExecutor} carries them out through the safe writer, with backups and a journal.
 *
 * <p>{@link #path()} is the file inside a log dir (absolute, or relative to the working directory); the executor
 * works out which of the given log dirs holds it.
 */
public sealed interface RepairAction {

    /** The kind of change, as the journal names it. */
    enum Kind { WRITE_FILE, DELETE_FILE, MOVE_OUT, TRUNCATE_FILE }

    /** The file in the log dir that changes. */
    Path path();

    /** The evidence behind the change. */
    Provenance why();

    Kind kind();

    /** A short phrase for plans: "write 123 bytes to X". */
    String summary();

    /** Replaces the file's whole content (or creates the file) with {@code newBytes}. */
    record WriteFile(Path path, byte[] newBytes, Provenance why) implements RepairAction {
        public WriteFile {
            Objects.requireNonNull(path, "path");
            newBytes = newBytes.clone();
            Objects.requireNonNull(why, "why");
        }

        @Override
        public byte[] newBytes() {
            return newBytes.clone();
        }

        @Override
        public Kind kind() {
            return Kind.WRITE_FILE;
        }

        @Override
        public String summary() {
            return "write " + newBytes.length + " bytes to " + path;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WriteFile w && w.path.equals(path) && Arrays.equals(w.newBytes, newBytes) && w.why.equals(why);
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, Arrays.hashCode(newBytes), why);
        }

        @Override
        public String toString() {
            return "WriteFile[" + path + ", " + newBytes.length + " bytes]";
        }
    }

    /** Deletes the file (Kafka rebuilds some files, such as indexes, when they are missing). */
    record DeleteFile(Path path, Provenance why) implements RepairAction {
        public DeleteFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public Kind kind() {
            return Kind.DELETE_FILE;
        }

        @Override
        public String summary() {
            return "delete " + path;
        }
    }

    /**
     * Moves the file out of the log dir to {@code destination}, which must lie outside every log dir (a foreign
     * folder inside a log dir stops the broker) and must not exist yet.
     */
    record MoveOut(Path path, Path destination, Provenance why) implements RepairAction {
        public MoveOut {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public Kind kind() {
            return Kind.MOVE_OUT;
        }

        @Override
        public String summary() {
            return "move " + path + " out to " + destination;
        }
    }

    /** Keeps only the first {@code newLength} bytes of the file (e.g. cutting a segment after its last valid batch). */
    record TruncateFile(Path path, long newLength, Provenance why) implements RepairAction {
        public TruncateFile {
            Objects.requireNonNull(path, "path");
            if (newLength < 0) throw new IllegalArgumentException("negative length " + newLength);
            Objects.requireNonNull(why, "why");
        }

        @Override
        public Kind kind() {
            return Kind.TRUNCATE_FILE;
        }

        @Override
        public String summary() {
            return "cut " + path + " to " + newLength + " bytes";
        }
    }
}
