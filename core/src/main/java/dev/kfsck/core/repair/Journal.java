package dev.kfsck.core.repair;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kfsck.core.io.FileAttrs;
import dev.kfsck.core.io.SafeWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The record of a repair, kept as JSON next to the backups: written and fsynced before the first change, rewritten
 * (atomically) after every action. It holds all an undo needs, and the backup paths are relative to the journal's
 * folder, so the backup folder can be moved as a whole.
 *
 * @param format    always {@value #FORMAT}
 * @param version   the journal layout version, {@value #VERSION}
 * @param createdAt when the repair started (ISO-8601, UTC)
 * @param state     {@link State}
 * @param logDirs   the log dirs, absolute and resolved
 * @param failure   what went wrong, when something did
 * @param entries   one per action, in plan order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Journal(String format, int version, String createdAt, State state, List<String> logDirs,
                      String failure, List<Entry> entries) {

    public static final String FORMAT = "kfsck-repair-journal";
    public static final int VERSION = 1;
    /** The journal's file name inside the backup folder. */
    public static final String FILE_NAME = "kfsck-journal.json";

    /** Where a repair stands. */
    public enum State { APPLYING, APPLIED, ROLLED_BACK, ROLLBACK_FAILED, UNDONE, UNDO_FAILED }

    /** Where one action stands. */
    public enum Status { PENDING, DONE, FAILED, ROLLED_BACK, UNDONE }

    /**
     * What a folder moved out of a log dir held, for recognising it later (undo, roll back).
     *
     * @param entries number of files, folders and links below it
     * @param files   number of regular files among them
     * @param listing its {@link dev.kfsck.core.io.FolderTree#listing()}, relative to the journal's folder; the SHA-256
     *                of that file is the entry's {@code sha256Before}, the tree digest
     */
    public record Folder(int entries, int files, String listing) {
    }

    /**
     * One file's (or moved folder's) change. "Before" describes the file as found; "after" what the action leaves (computed before
     * anything changes, so that even a crash between an action and the journal update can be recognised).
     *
     * @param index         position in the plan
     * @param action        the {@link RepairAction.Kind}
     * @param logDir        the log dir holding the file
     * @param file          the path relative to the log dir, '/'-separated
     * @param destination   for a move: where the file went
     * @param newLength     for a truncation: the kept length
     * @param description   the plan's words for the step
     * @param why           the provenance, rendered
     * @param recordsLost   the plan's records-lost statements
     * @param existedBefore whether the file existed
     * @param sizeBefore    its size, or -1; for a folder, the total size of its files
     * @param sha256Before  its SHA-256, or null when it did not exist; for a folder, its tree digest
     *                      ({@link dev.kfsck.core.io.FolderTree#digest()})
     * @param mode          permission bits to restore (or given to a new file), four octal digits
     * @param uid           owner to restore
     * @param gid           group to restore
     * @param existsAfter   whether the file exists in the log dir after the action
     * @param sizeAfter     its size after, or -1
     * @param sha256After   its SHA-256 after, or null when it no longer exists there
     * @param backup        the backup copy, relative to the journal's folder, or null when there was no file (and
     *                      for a folder: a move keeps its bytes, so it is not copied)
     * @param folder        for a folder moved out: what it held; null for a file
     * @param status        {@link Status}
     * @param error         what failed for this entry
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(int index, RepairAction.Kind action, String logDir, String file, String destination,
                        Long newLength, String description, String why, List<String> recordsLost,
                        boolean existedBefore, long sizeBefore, String sha256Before, String mode, int uid, int gid,
                        boolean existsAfter, long sizeAfter, String sha256After, String backup, Folder folder,
                        Status status, String error) {

        public Path target() {
            return Path.of(logDir).resolve(file);
        }

        /** Whether this entry moved a whole folder. */
        public boolean movesFolder() {
            return folder != null;
        }

        public FileAttrs attrs() {
            return new FileAttrs(FileAttrs.parseMode(mode), uid, gid);
        }

        public Entry withStatus(Status s, String err) {
            return new Entry(index, action, logDir, file, destination, newLength, description, why, recordsLost,
                    existedBefore, sizeBefore, sha256Before, mode, uid, gid, existsAfter, sizeAfter, sha256After,
                    backup, folder, s, err);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Journal {
        entries = List.copyOf(entries);
        logDirs = List.copyOf(logDirs);
    }

    public Journal withState(State s, String why) {
        return new Journal(format, version, createdAt, s, logDirs, why, entries);
    }

    public Journal withEntry(Entry e) {
        List<Entry> l = new ArrayList<>(entries);
        l.set(e.index(), e);
        return new Journal(format, version, createdAt, state, logDirs, failure, l);
    }

    /** Writes the journal atomically and durably (temp file, fsync, rename, fsync of the folder). */
    public void writeTo(Path journalFile) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(this);
        SafeWriter.write(journalFile, bytes, ownFileAttrs(journalFile.toAbsolutePath().getParent()));
    }

    public static Journal read(Path journalFile) throws IOException {
        Journal j;
        try {
            j = JSON.readValue(journalFile.toFile(), Journal.class);
        } catch (IOException e) {
            throw new IOException("cannot read the repair journal " + journalFile + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(j.format()) || j.version() != VERSION) {
            throw new IOException(journalFile + " is not a kfsck repair journal of version " + VERSION);
        }
        for (int i = 0; i < j.entries().size(); i++) {
            if (j.entries().get(i).index() != i) throw new IOException(journalFile + ": entry " + i + " is out of order");
        }
        return j;
    }

    /** Journal and backups belong to whoever runs the repair, readable by nobody else (they hold broker data). */
    static FileAttrs ownFileAttrs(Path dir) throws IOException {
        FileAttrs d = FileAttrs.of(dir);
        return new FileAttrs(0600, d.uid(), d.gid());
    }

    static boolean exists(Path p) {
        return Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }
}
