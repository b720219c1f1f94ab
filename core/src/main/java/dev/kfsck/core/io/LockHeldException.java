package dev.kfsck.core.io;

import java.io.IOException;

/** A log dir's {@code .lock} is held: a broker (or another kfsck) is using the dir. */
public final class LockHeldException extends IOException {

    private final transient LockProbe.Result probe;

    public LockHeldException(LockProbe.Result probe) {
        super(probe.describe());
        this.probe = probe;
    }

    /** What the probe saw. */
    public LockProbe.Result probe() {
        return probe;
    }
}
