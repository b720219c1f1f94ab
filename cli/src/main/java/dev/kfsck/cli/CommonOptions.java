package dev.kfsck.cli;

import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Option;

/** Options every command has. */
public final class CommonOptions {

    /** When to colour the output. */
    public enum Color { AUTO, ALWAYS, NEVER }

    @Option(names = {"-v", "--verbose"}, description = "Show the stack trace of an unexpected error.")
    boolean verbose;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour the text output: auto (only when writing to a terminal), always, never. Default: ${DEFAULT-VALUE}.")
    Color color = Color.AUTO;

    /** Whether text output gets ANSI colours. */
    public boolean colored() {
        return switch (color) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> System.console() != null && Ansi.AUTO.enabled();
        };
    }
}
