package dev.kfsck.cli;

import dev.kfsck.cli.render.ClusterJson;
import dev.kfsck.cli.render.ClusterText;
import dev.kfsck.cli.render.Style;
import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.analysis.cluster.ClusterView;
import dev.kfsck.core.analysis.cluster.DirFacts;
import dev.kfsck.core.analysis.cluster.ReportReader;
import dev.kfsck.core.finding.Finding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code kfsck cluster REPORT.json|DIR ...}: one view of several nodes, from JSON reports written by
 * {@code kfsck check --format json} on separate pods and/or from log dirs checked here.
 */
@Command(name = "cluster",
        mixinStandardHelpOptions = true,
        versionProvider = KfsckVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Compare several nodes: cluster and directory ids, voter sets, raft epochs and leaders, the metadata "
                        + "logs (where they diverge, which is the most complete), the metadata image, and every partition "
                        + "across its replicas (end offsets, high watermarks, where a rejoining replica truncates).",
                "Give JSON reports written by 'kfsck check --format json' on each node's repair pod, log dirs mounted "
                        + "here, or both. Nothing is written."
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  # on each pod:  kfsck check --format json /mnt/kafka/data > /tmp/node-$ID.json",
                "  kfsck cluster node-0.json node-1.json node-2.json",
                "",
                "  # dirs side by side",
                "  kfsck cluster /mnt/b0 /mnt/b1 /mnt/b2",
                "  kfsck cluster --format json node-0.json /mnt/b1 > cluster.json",
                "",
                "Exit codes (added up when several apply):",
                "  0  nothing wrong across the nodes (warnings alone, unless --fail-on warn)",
                "  4  problems found across the nodes",
                "  8  a report or dir could not be read, or a running broker holds a dir's lock",
                "  16 bad arguments"
        })
public final class ClusterCommand implements Callable<Integer> {

    @Parameters(paramLabel = "REPORT.json|DIR", arity = "1..*",
            description = "JSON reports of 'kfsck check --format json', or log dirs to check here.")
    List<Path> inputs;

    @Mixin
    ReportOptions output;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<DirFacts> facts = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        List<Finding> operational = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                dirs.add(in);
                continue;
            }
            if (!Files.isRegularFile(in)) throw KfsckException.operational("cannot read " + in + ": no such file or directory");
            try {
                facts.addAll(ReportReader.read(in));
            } catch (ReportReader.NotAReportException e) {
                throw KfsckException.operational("cannot use " + in + ": " + e.getMessage());
            } catch (IOException e) {
                throw KfsckException.operational("cannot read " + in + ": " + e.getMessage());
            }
        }
        if (!dirs.isEmpty()) {
            PathArguments.requireReadableDirs(dirs);
            Report report;
            try (Progress progress = Progress.of("check", dirs.size())) {
                report = LogDirChecker.standard().run(dirs, dir -> progress.step(String.valueOf(dir.getFileName())));
            }
            facts.addAll(DirFacts.of(report));
            report.findings().stream().filter(f -> CheckOutcome.OPERATIONAL_CODES.contains(f.code().id())).forEach(operational::add);
        }
        ClusterView view = ClusterView.of(facts);
        List<Finding> all = new ArrayList<>(operational);
        all.addAll(view.plainFindings());
        int exit = CheckOutcome.exitCode(all, output.failOn);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(ClusterJson.toJson(view, operational, exit));
        } else {
            new ClusterText(Style.of(common.colored())).render(view, operational, out);
        }
        out.flush();
        return exit;
    }
}
