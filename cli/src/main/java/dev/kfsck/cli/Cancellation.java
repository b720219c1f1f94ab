package dev.kfsck.cli;

/**
 * Ctrl-C (SIGINT) and SIGTERM end kfsck with fsck's "cancelled" code, 32, instead of the JVM's 130/143.
 * Shutdown hooks still run, so a repair's journal is closed properly.
 */
final class Cancellation {

    private Cancellation() {
    }

    static void exitOnInterrupt() {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
                    System.err.println();
                    System.err.println("kfsck: cancelled (SIG" + name + ")");
                    System.exit(ExitCodes.CANCELLED);
                });
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                // The platform does not let us handle this signal: keep the JVM's default.
            }
        }
    }
}
