package dev.kfsck.cli;

import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The {@code kfsck} command line: parses arguments, calls {@code kfsck-core}, renders, and exits with fsck's codes. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Cancellation.exitOnInterrupt();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs kfsck with the given streams and returns its exit code; it never calls {@code System.exit}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine(verbose(args));
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    static CommandLine commandLine(boolean verbose) {
        CommandLine cl = new CommandLine(new KfsckCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        cl.setExecutionExceptionHandler(new ErrorHandler(verbose));
        cl.setExitCodeExceptionMapper(t -> ExitCodes.OPERATIONAL);
        return cl;
    }

    private static boolean verbose(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--verbose") || a.equals("-v"));
    }
}
