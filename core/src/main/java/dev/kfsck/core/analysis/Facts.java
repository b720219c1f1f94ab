package dev.kfsck.core.analysis;

import java.util.Map;

/** Collects a dir's facts from what its passes left in the context. */
final class Facts {

    static final LogDirContext.Key<LogDirFacts> KEY = new LogDirContext.Key<>("facts");

    private Facts() {
    }

    static LogDirFacts of(LogDirContext ctx) {
        LogDirFacts f = ctx.get(KEY);
        return f != null ? f : new LogDirFacts(null, null, null, null, null, null, Map.of());
    }
}
