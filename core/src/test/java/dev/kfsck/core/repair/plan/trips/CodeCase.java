package dev.kfsck.core.repair.plan.trips;

import dev.kfsck.testdata.corrupt.Applied;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One finding code that {@code kfsck repair} fixes, and a deliberate, documented damage that makes a real broker's
 * log dir show it.
 *
 * @param code    the finding code the check must report after the damage and a plan step must resolve
 * @param damage  what to do to a fresh copy of the fixture's log dir
 * @param where   the file (relative to the log dir) where the finding is expected, or null for the file the damage
 *                touched
 * @param node    the index of the damaged node in the fixture's manifest (0 for single-node fixtures)
 */
record CodeCase(String code, Damage damage, String where, int node) {

    /** A damage done to one log dir of a fresh fixture copy. */
    @FunctionalInterface
    interface Damage {
        Applied apply(Path logDir) throws IOException;
    }

    static CodeCase of(String code, Damage damage) {
        return new CodeCase(code, damage, null, 0);
    }

    /** A case on another node of a multi-node fixture (index into the manifest's nodes). */
    static CodeCase onNode(int node, String code, Damage damage) {
        return new CodeCase(code, damage, null, node);
    }

    /** A case whose finding lands in another file than the one damaged (cross-file findings). */
    static CodeCase reportedAt(String code, String file, Damage damage) {
        return new CodeCase(code, damage, file, 0);
    }
}
