package dev.kfsck.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Errors while a command runs: one clear line on stderr (the stack trace only with {@code --verbose}), and the exit
 * code the error means: 8 for anything operational.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    private final boolean verbose;

    ErrorHandler(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        var err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + oneLine(ex));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        if (ex instanceof KfsckException k) return k.exitCode();
        return ExitCodes.OPERATIONAL;
    }

    static String oneLine(Throwable t) {
        Throwable root = t instanceof UncheckedIOException && t.getCause() != null ? t.getCause() : t;
        String what;
        if (root instanceof NoSuchFileException e) what = "no such file or directory: " + e.getFile();
        else if (root instanceof AccessDeniedException e) what = "permission denied: " + e.getFile();
        else if (root instanceof KfsckException) what = root.getMessage();
        else if (root instanceof IOException) what = "I/O error: " + root.getMessage();
        else what = root.getMessage() == null ? root.getClass().getSimpleName()
                    : root.getClass().getSimpleName() + ": " + root.getMessage();
        return what.replace('\n', ' ').replace('\r', ' ');
    }
}
