package dev.kfsck.core.repair;

import dev.kfsck.core.io.FileAttrs;
import dev.kfsck.core.io.FolderTree;
import dev.kfsck.core.io.Sha256;
import dev.kfsck.core.io.SafeWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Puts one journaled file back as it was found, from its backup; shared by {@link Undo} and the executor's rollback.
 * It first compares the file with both states the journal knows: as found (nothing to do), as the repair left it
 * (restore), or neither (changed since: restore only when forced, after saving the unexpected file aside).
 */
final class Restorer {

    /** How the file in the log dir compares with the journal. */
    enum Found { AS_BEFORE, AS_AFTER, CHANGED }

    /**
     * The comparison, with words for a refusal.
     *
     * @param moved for a folder entry: the tree found at the move's destination, or null
     */
    record Check(Journal.Entry entry, Found found, String detail, FolderTree moved) {
        Check(Journal.Entry entry, Found found, String detail) {
            this(entry, found, detail, null);
        }
    }

    private final Path journalDir;

    Restorer(Path journalDir) {
        this.journalDir = journalDir;
    }

    Check check(Journal.Entry e) throws IOException {
        if (e.movesFolder()) return new FolderRestorer(journalDir).check(e);
        Path t = e.target();
        boolean exists = Files.exists(t, LinkOption.NOFOLLOW_LINKS);
        String now = exists ? Sha256.of(t) : null;
        if (exists == e.existedBefore() && (!exists || now.equals(e.sha256Before()))) {
            return new Check(e, Found.AS_BEFORE, t + " is as it was before the repair");
        }
        if (exists == e.existsAfter() && (!exists || now.equals(e.sha256After()))) {
            return new Check(e, Found.AS_AFTER, t + " is as the repair left it");
        }
        String seen = exists ? "SHA-256 " + now : "missing";
        String left = e.existsAfter() ? "SHA-256 " + e.sha256After() : "absent";
        return new Check(e, Found.CHANGED, t + " changed after the repair: it is " + seen + ", the repair left it " + left);
    }

    /**
     * Restores the entry's file. A CHANGED file is first copied to {@code displaced/} in the journal's folder, so a
     * forced restore destroys nothing. Verifies the result against the journal's "before" hash.
     */
    void restore(Check c) throws IOException {
        Journal.Entry e = c.entry();
        if (e.movesFolder()) {
            new FolderRestorer(journalDir).restore(c);
            return;
        }
        if (c.found() == Found.AS_BEFORE) return;
        Path t = e.target();
        if (c.found() == Found.CHANGED && Files.exists(t, LinkOption.NOFOLLOW_LINKS)) {
            Path aside = journalDir.resolve("displaced").resolve(e.index() + "").resolve(e.file());
            SafeWriter.createDirectories(aside.getParent());
            SafeWriter.copy(t, aside, Journal.ownFileAttrs(journalDir));
        }
        if (!e.existedBefore()) {
            SafeWriter.delete(t);
            return;
        }
        Path movedTo = e.destination() == null ? null : Path.of(e.destination());
        if (movedTo != null && !Files.exists(t, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(movedTo)
                && Sha256.of(movedTo).equals(e.sha256Before())) {
            SafeWriter.move(movedTo, t);
        } else {
            Path backup = journalDir.resolve(e.backup());
            String backupHash = Files.isRegularFile(backup) ? Sha256.of(backup) : "missing";
            if (!backupHash.equals(e.sha256Before())) {
                throw new IOException("cannot restore " + t + ": its backup " + backup + " is damaged (SHA-256 "
                        + backupHash + ", journal says " + e.sha256Before() + ")");
            }
            SafeWriter.copy(backup, t, e.attrs());
        }
        String restored = Sha256.of(t);
        if (!restored.equals(e.sha256Before())) {
            throw new IOException("restored " + t + " but it reads back as SHA-256 " + restored + ", not " + e.sha256Before());
        }
        FileAttrs attrs = FileAttrs.of(t);
        if (!attrs.equals(e.attrs())) e.attrs().applyTo(t);
    }
}
