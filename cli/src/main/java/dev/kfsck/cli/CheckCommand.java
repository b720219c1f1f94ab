package dev.kfsck.cli;

import dev.kfsck.cli.render.JsonReport;
import dev.kfsck.cli.render.Style;
import dev.kfsck.cli.render.TextReport;
import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kfsck check DIR...}: reads stopped log dirs and reports what is wrong. Changes nothing. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = KfsckVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Check one or more log dirs of STOPPED brokers and report what is wrong, file by file and byte by byte, "
                        + "with what Kafka would do about it at startup and the repair.",
                "Give every dir of a node, or the dirs of several nodes at once: kfsck then also compares them "
                        + "(cluster ids, voters, epochs). Nothing is written."
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  # one broker's only log dir, mounted in a repair pod",
                "  kfsck check /mnt/kafka/data-0",
                "",
                "  # all three nodes at once, as JSON (schema kfsck-report/1)",
                "  kfsck check --format json /mnt/b0 /mnt/b1 /mnt/b2 > report.json",
                "",
                "  # fail (exit 4) on warnings too, e.g. in a preflight job",
                "  kfsck check --fail-on warn /var/lib/kafka/data",
                "",
                "Exit codes (added up when several apply):",
                "  0  nothing wrong (warnings alone, unless --fail-on warn)",
                "  4  problems found (a check corrects nothing)",
                "  8  a dir could not be read, or a running broker holds its lock",
                "  16 bad arguments",
                "  32 cancelled"
        })
public final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Log dirs to check (each the folder that holds meta.properties).")
    List<Path> dirs;

    @Mixin
    ReportOptions output;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PathArguments.requireReadableDirs(dirs);
        Report report;
        try (Progress progress = Progress.of("check", dirs.size())) {
            report = LogDirChecker.standard().run(dirs, dir -> progress.step(String.valueOf(dir.getFileName())));
        }
        int exit = CheckOutcome.exitCode(report.findings(), output.failOn);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(JsonReport.toJson(report, exit));
        } else {
            new TextReport(Style.of(common.colored())).render(report, out);
        }
        out.flush();
        return exit;
    }
}
