package dev.kfsck.cli;

/**
 * fsck's exit codes. They are bits: a run that both failed to read one dir and found errors in another exits 12.
 */
public final class ExitCodes {

    /** No problems (warnings alone, unless {@code --fail-on warn}). */
    public static final int OK = 0;
    /** Problems found, and all corrected. */
    public static final int CORRECTED = 1;
    /** Problems left uncorrected, including a read-only check that found them. */
    public static final int UNCORRECTED = 4;
    /** Operational error: a path that cannot be read, a log dir locked by a running broker. */
    public static final int OPERATIONAL = 8;
    /** Usage error: bad arguments. */
    public static final int USAGE = 16;
    /** Cancelled by the user. */
    public static final int CANCELLED = 32;

    private ExitCodes() {
    }
}
