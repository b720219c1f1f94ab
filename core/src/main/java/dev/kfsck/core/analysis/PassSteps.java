package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Location;

import java.io.IOException;

/** Runs one step of a pass so that a file the OS refuses to read costs that file's checks, not the whole pass. */
final class PassSteps {

    /** A step that reads files. */
    interface Step {
        void run() throws IOException;
    }

    private PassSteps() {
    }

    static void run(LogDirContext ctx, String file, Step step) {
        try {
            step.run();
        } catch (IOException e) {
            ctx.add(LayoutCodes.UNREADABLE.at(Location.file(file), "cannot read " + file + ": " + e.getMessage(),
                    Evidence.seen(e.getClass().getSimpleName())));
        }
    }
}
