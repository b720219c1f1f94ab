package dev.kfsck.core.repair;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * One change to one file (or, for a move out, one folder) of a log dir. Actions are pure data, independent of file formats: bytes in, bytes out.
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
     * Moves a file, or a whole folder, out of the log dir to {@code destination}, which must lie outside every log dir
     * and the backup folder (a foreign folder inside a log dir stops the broker) and must not exist yet.
     *
     * <p>A folder must lie directly in a log dir root (a folder Kafka cannot parse as topic-partition, such as
     * {@code lost+found}). A folder whose name Kafka does parse as a partition is refused unless the planner says so
     * explicitly with {@link #partitionFolder(Path, Path, Provenance)}: moving a partition out drops its replica.
     *
     * @param partitionFolder true only when the planner means to move a folder named like a partition
     */
    record MoveOut(Path path, Path destination, Provenance why, boolean partitionFolder) implements RepairAction {
        public MoveOut {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(why, "why");
        }

        /** Moves a file, or a folder not named like a partition. */
        public MoveOut(Path path, Path destination, Provenance why) {
            this(path, destination, why, false);
        }

        /** Moves a folder named like a partition (e.g. {@code orders-0}) out of its log dir, on purpose. */
        public static MoveOut partitionFolder(Path folder, Path destination, Provenance why) {
            return new MoveOut(folder, destination, why, true);
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
