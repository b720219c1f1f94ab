package dev.kfsck.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.util.Timer;
import java.util.TimerTask;

/**
 * A progress bar on stderr for scans that take a while. It appears only when kfsck talks to a terminal, and only
 * after a short delay, so quick checks and piped or redirected runs print nothing extra.
 */
final class Progress implements AutoCloseable {

    private static final long DELAY_MILLIS = 800;

    private final String task;
    private final long max;
    private final Timer timer;
    private ProgressBar bar;
    private long done;
    private String extra = "";
    private boolean closed;

    private Progress(String task, long max, boolean enabled) {
        this.task = task;
        this.max = max;
        if (enabled) {
            timer = new Timer("kfsck-progress", true);
            timer.schedule(new TimerTask() {
                @Override
                public void run() {
                    show();
                }
            }, DELAY_MILLIS);
        } else {
            timer = null;
        }
    }

    /** A bar of {@code max} steps, shown only when stderr is a terminal. */
    static Progress of(String task, long max) {
        return new Progress(task, max, stderrIsTerminal());
    }

    /**
     * Whether stderr is a terminal. Java 17 cannot ask for stderr alone ({@code System.console()} needs stdin and
     * stdout to be terminals), so on Linux the answer comes from where file descriptor 2 points; elsewhere from
     * {@code System.console()}. A report piped to a file then still gets its bar on the terminal.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** A bar that never shows. */
    static Progress silent() {
        return new Progress("", 0, false);
    }

    synchronized void step(String what) {
        done++;
        extra = what;
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(what);
        }
    }

    private synchronized void show() {
        if (closed || bar != null) return;
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(250)
                .clearDisplayOnFinish()
                .build();
        bar.stepTo(done);
        bar.setExtraMessage(extra);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) timer.cancel();
        if (bar != null) bar.close();
    }
}
