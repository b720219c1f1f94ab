package dev.kfsck.cli;

import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

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
        CommandLine cl = commandLine(verbose(args), args.length == 0 ? "" : args[0]);
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** Every subcommand, by name, in the order the usage lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("check", CheckCommand::new);
        m.put("cluster", ClusterCommand::new);
        m.put("dump", DumpCommand::new);
        m.put("repair", RepairCommand::new);
        m.put("undo", UndoCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return m;
    }

    /** The whole command tree, as {@code --help} and the docs show it. */
    static CommandLine commandLine(boolean verbose) {
        return commandLine(verbose, "");
    }

    /** The command tree for arguments whose first word is {@code first}: only that subcommand when it names one. */
    static CommandLine commandLine(boolean verbose, String first) {
        CommandLine cl = new CommandLine(new KfsckCommand());
        Supplier<Object> named = first.equals("help") ? null : SUBCOMMANDS.get(first);
        if (named != null) {
            cl.addSubcommand(first, named.get());
        } else {
            SUBCOMMANDS.forEach((name, make) -> cl.addSubcommand(name, make.get()));
        }
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
