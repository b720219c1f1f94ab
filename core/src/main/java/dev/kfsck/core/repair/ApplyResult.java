package dev.kfsck.core.repair;

import java.nio.file.Path;

/**
 * How {@link RepairExecutor#apply} ended.
 *
 * @param state       {@link Journal.State#APPLIED}, {@link Journal.State#ROLLED_BACK} (an action failed and every
 *                    file is back as it was) or {@link Journal.State#ROLLBACK_FAILED} (some files could not be put
 *                    back: see the journal's entries and run {@link Undo} once the cause is fixed)
 * @param journalFile where the journal is
 * @param journal     the journal as last written
 */
public record ApplyResult(Journal.State state, Path journalFile, Journal journal) {

    public boolean applied() {
        return state == Journal.State.APPLIED;
    }

    /** What failed, or null. */
    public String failure() {
        return journal.failure();
    }
}
