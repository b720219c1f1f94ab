package dev.kfsck.core.repair;

import java.nio.file.Path;
import java.util.List;

/**
 * How {@link Undo#apply} ended.
 *
 * @param state          {@link Journal.State#UNDONE} or {@link Journal.State#UNDO_FAILED}
 * @param journalFile    the journal
 * @param restored       files put back, as paths
 * @param alreadyAsFound files that were already as before the repair (nothing to do)
 * @param forced         files that had changed since the repair and were overwritten because undo was forced; the
 *                       version found is kept under {@code displaced/} next to the journal
 * @param failure        what went wrong, or null
 */
public record UndoResult(Journal.State state, Path journalFile, List<Path> restored, List<Path> alreadyAsFound,
                         List<Path> forced, String failure) {

    public UndoResult {
        restored = List.copyOf(restored);
        alreadyAsFound = List.copyOf(alreadyAsFound);
        forced = List.copyOf(forced);
    }

    public boolean undone() {
        return state == Journal.State.UNDONE;
    }
}
