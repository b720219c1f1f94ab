package dev.kfsck.cli;

import picocli.CommandLine.Option;

/** The output options of the commands that report findings ({@code check}, {@code cluster}). */
public final class ReportOptions {

    /** Output formats. */
    public enum Format { TEXT, JSON }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (for people, the default) or json (a versioned document: schema kfsck-report/1 for "
                    + "check, kfsck-cluster/1 for cluster).")
    Format format = Format.TEXT;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
            description = "The lowest severity that makes ${COMMAND-NAME} exit 4: error (the default) or warn.")
    CheckOutcome.FailOn failOn = CheckOutcome.FailOn.ERROR;

    boolean json() {
        return format == Format.JSON;
    }
}
