package dev.kfsck.core.repair;

import java.io.IOException;
import java.util.List;

/** A repair or undo that did not start, and changed nothing: a lock is held, a path is unsafe, a file has changed. */
public final class RepairRefusedException extends IOException {

    private final List<String> reasons;

    public RepairRefusedException(List<String> reasons) {
        super("refused, nothing was changed: " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public RepairRefusedException(String reason, Throwable cause) {
        super("refused, nothing was changed: " + reason, cause);
        this.reasons = List.of(reason);
    }

    /** Every reason, one per problem found. */
    public List<String> reasons() {
        return reasons;
    }
}
