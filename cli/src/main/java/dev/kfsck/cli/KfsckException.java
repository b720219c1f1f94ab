package dev.kfsck.cli;

/** An error kfsck reports as one line, with the exit code it means. */
public final class KfsckException extends RuntimeException {

    private final int exitCode;

    public KfsckException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public KfsckException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** An operational error (exit 8), such as a path that cannot be read. */
    public static KfsckException operational(String message) {
        return new KfsckException(ExitCodes.OPERATIONAL, message);
    }
}
