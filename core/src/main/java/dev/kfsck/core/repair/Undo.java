package dev.kfsck.core.repair;

import dev.kfsck.core.io.LockHeldException;
import dev.kfsck.core.io.LockProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes a repair back, byte for byte, from its journal and backups: rewritten and truncated files get their old
 * content, deleted ones come back, created ones go, moved ones move back; owner, group and mode as they were.
 *
 * <p>Before touching anything it takes every log dir's lock (refusing while a broker holds one) and compares every
 * file with the journal: a file must be as the repair left it (then it is restored) or already as it was found (then
 * it is left alone). A file changed since the repair, for instance by a broker that ran meanwhile, makes the undo
 * refuse, unless forced; a forced undo first saves the file it overwrites under {@code displaced/} next to the journal.
 */
public final class Undo {

    private Undo() {
    }

    /** Undoes the repair recorded in {@code journalFile}, refusing if any file changed since. */
    public static UndoResult apply(Path journalFile) throws IOException {
        return apply(journalFile, false);
    }

    /** Undoes the repair; with {@code force}, also over files that changed since (they are saved aside first). */
    public static UndoResult apply(Path journalFile, boolean force) throws IOException {
        Journal journal = Journal.read(journalFile);
        Path journalDir = journalFile.toAbsolutePath().getParent();
        List<LockProbe.Held> locks = new ArrayList<>();
        try {
            for (String d : journal.logDirs()) {
                try {
                    locks.add(LockProbe.acquire(Path.of(d)));
                } catch (LockHeldException held) {
                    throw new RepairRefusedException(held.getMessage(), held);
                }
            }
            Restorer restorer = new Restorer(journalDir);
            List<Restorer.Check> checks = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            for (Journal.Entry e : journal.entries()) {
                Restorer.Check c = restorer.check(e);
                checks.add(c);
                if (c.found() == Restorer.Found.CHANGED) changed.add(c.detail());
            }
            if (!changed.isEmpty() && !force) {
                changed.add("undo with force to overwrite them anyway (the current versions are saved aside)");
                throw new RepairRefusedException(changed);
            }
            return restoreAll(journal, journalFile, restorer, checks);
        } finally {
            RepairExecutor.closeAll(locks);
        }
    }

    private static UndoResult restoreAll(Journal journal, Path journalFile, Restorer restorer, List<Restorer.Check> checks) throws IOException {
        List<Path> restored = new ArrayList<>();
        List<Path> asFound = new ArrayList<>();
        List<Path> forced = new ArrayList<>();
        for (int i = checks.size() - 1; i >= 0; i--) {
            Restorer.Check c = checks.get(i);
            Journal.Entry e = c.entry();
            try {
                restorer.restore(c);
            } catch (IOException | RuntimeException ex) {
                String why = "undo stopped at " + e.target() + ": " + ex.getMessage()
                        + "; entries after it in the plan are restored, earlier ones are not";
                journal = journal.withEntry(e.withStatus(e.status(), ex.getMessage())).withState(Journal.State.UNDO_FAILED, why);
                journal.writeTo(journalFile);
                return new UndoResult(Journal.State.UNDO_FAILED, journalFile, restored, asFound, forced, why);
            }
            switch (c.found()) {
                case AS_BEFORE -> asFound.add(e.target());
                case AS_AFTER -> restored.add(e.target());
                case CHANGED -> forced.add(e.target());
            }
            journal = journal.withEntry(e.withStatus(Journal.Status.UNDONE, null));
            journal.writeTo(journalFile);
        }
        journal = journal.withState(Journal.State.UNDONE, null);
        journal.writeTo(journalFile);
        return new UndoResult(Journal.State.UNDONE, journalFile, restored, asFound, forced, null);
    }
}
