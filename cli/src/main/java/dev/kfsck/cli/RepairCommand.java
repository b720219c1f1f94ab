package dev.kfsck.cli;

import dev.kfsck.cli.render.Places;
import dev.kfsck.cli.render.Style;
import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCatalog;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.repair.ApplyResult;
import dev.kfsck.core.io.LockProbe;
import dev.kfsck.core.repair.RepairExecutor;
import dev.kfsck.core.repair.plan.Salvage;
import dev.kfsck.core.repair.RepairPlan;
import dev.kfsck.core.repair.RepairRefusedException;
import dev.kfsck.core.repair.plan.LossPolicy;
import dev.kfsck.core.repair.plan.RepairOptions;
import dev.kfsck.core.repair.plan.RepairPlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code kfsck repair DIR...}: checks, plans, prints the plan with the evidence behind every value, and only with
 * {@code --apply} carries it out through core's executor (backups, journal, safe writes), then checks again.
 */
@Command(name = "repair",
        mixinStandardHelpOptions = true,
        versionProvider = KfsckVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Check the log dirs of STOPPED brokers and print the plan that repairs what was found: each action, every "
                        + "value it would write, and the evidence on disk each value comes from. Findings with no safe "
                        + "repair are listed with the reason. Without --apply nothing is written.",
                "With --apply: refuses while a broker holds a dir's lock; backs up every file before changing it, into "
                        + "--backup-dir (outside the log dirs), with a journal of SHA-256 sums for 'kfsck undo'; writes "
                        + "through temp file, fsync and rename, keeping owner, group and mode; then checks again."
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  # the plan only: nothing is written",
                "  kfsck repair /mnt/kafka/kafka-log0",
                "",
                "  # carry it out, backups and journal in /backup",
                "  kfsck repair --apply --backup-dir /backup /mnt/kafka/kafka-log0",
                "",
                "  # only the quorum-state, with the voters given by hand",
                "  kfsck repair --apply --backup-dir /backup --only QS-NULL-BYTES --voters 0,1,2 /mnt/kafka/kafka-log0",
                "",
                "  # a damaged segment: cut after the last valid batch, as Kafka's recovery would",
                "  kfsck repair --apply --backup-dir /backup --policy truncate /mnt/kafka/kafka-log0",
                "",
                "Exit codes (added up when several apply):",
                "  0  nothing to repair",
                "  1  problems found and all corrected (--apply)",
                "  4  problems left: a plan not applied, findings with no safe repair",
                "  8  refused (lock held, unsafe backup dir) or a step failed and was rolled back",
                "  16 bad arguments   32 cancelled"
        })
public final class RepairCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Log dirs to repair (each the folder that holds meta.properties).")
    List<Path> dirs;

    @Option(names = "--apply", description = "Carry the plan out. Without it, kfsck only prints the plan.")
    boolean apply;

    @Option(names = "--backup-dir", paramLabel = "DIR",
            description = "Where backups and the journal go: an empty or new folder outside every log dir. "
                    + "Default: ./kfsck-repair-<time>/backup.")
    Path backupDir;

    @Option(names = "--moved-dir", paramLabel = "DIR",
            description = "Where folders moved out of a log dir go (outside the log dirs and the backup dir). "
                    + "Default: next to the backup dir, named <backup dir>-moved.")
    Path movedDir;

    @Option(names = "--only", paramLabel = "CODE", split = ",",
            description = "Repair only findings with these codes (comma-separated or repeated).")
    List<String> only = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "POLICY", defaultValue = "none",
            description = "Repairs that give up records: none (the default: they are planned, not applied), "
                    + "truncate (cut after the last valid batch, as Kafka's recovery would) or excise (cut out only the "
                    + "damaged bytes, keep what follows).")
    LossPolicy policy;

    @Option(names = "--voters", paramLabel = "ID", split = ",",
            description = "The controller voter ids, for when the disk cannot tell (e.g. quorum-state lost on a static quorum).")
    List<Integer> voters = new ArrayList<>();

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Set<String> codes = new LinkedHashSet<>();
        for (String c : only) {
            String id = c.strip().toUpperCase();
            try {
                FindingCatalog.byId(id);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "unknown finding code for --only: '" + c + "' (see the finding catalog)");
            }
            codes.add(id);
        }
        PathArguments.requireReadableDirs(dirs);
        Path backup = backupDir != null ? backupDir
                : Path.of("kfsck-repair-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")), "backup");
        Path moved = movedDir != null ? movedDir : backup.toAbsolutePath().resolveSibling(backup.getFileName() + "-moved");
        RepairOptions options = RepairOptions.defaults(moved).withOnly(codes).withPolicy(policy).withVoters(voters);

        Report report;
        try (Progress progress = Progress.of("check", dirs.size())) {
            report = LogDirChecker.standard().run(dirs, dir -> progress.step(String.valueOf(dir.getFileName())));
        }
        RepairPlan plan = RepairPlanner.plan(report, options);
        Style style = Style.of(common.colored());
        PrintWriter out = spec.commandLine().getOut();
        new PlanText(style).render(report, plan, out);

        int problemsBefore = CheckOutcome.exitCode(report.findings(), CheckOutcome.FailOn.ERROR);
        if (!apply || plan.steps().isEmpty()) {
            if (!plan.steps().isEmpty()) {
                out.println(style.bold("Nothing was written.") + " Run again with --apply (and --backup-dir) to carry out "
                        + plural(plan.steps().size(), "step") + ".");
            }
            out.flush();
            return plan.steps().isEmpty() && plan.notRepaired().isEmpty() ? problemsBefore : problemsBefore | ExitCodes.UNCORRECTED;
        }

        // Salvage reads segments before they are cut, so refuse a locked dir before writing anything at all.
        for (Path dir : dirs) {
            if (LockProbe.isHeld(dir)) {
                throw new KfsckException(ExitCodes.OPERATIONAL, "refused: a running process holds " + dir.resolve(".lock") + "; stop the broker first");
            }
        }
        for (Salvage.Saved saved : Salvage.save(plan, dirs, moved)) {
            out.println(style.bold("Salvaged: ") + saved.batches() + " valid batches (" + saved.records() + " records, offsets "
                    + saved.firstOffset() + ".." + saved.lastOffset() + ") found beyond the cut in " + saved.segment()
                    + " -> " + saved.file().toAbsolutePath());
        }
        ApplyResult result;
        try {
            result = RepairExecutor.apply(plan, dirs, backup);
        } catch (RepairRefusedException e) {
            throw new KfsckException(ExitCodes.OPERATIONAL, e.getMessage(), e);
        }
        out.println(style.bold("Journal: ") + result.journalFile().toAbsolutePath());
        out.println(style.dim("  undo with: kfsck undo " + result.journalFile().toAbsolutePath()));
        out.flush();
        if (!result.applied()) {
            throw new KfsckException(ExitCodes.OPERATIONAL, "repair " + result.state().name().toLowerCase().replace('_', ' ')
                    + ": " + result.failure() + " (journal " + result.journalFile().toAbsolutePath() + ")");
        }

        Report after = LogDirChecker.standard().run(dirs);
        List<Finding> stillThere = new ArrayList<>();
        for (RepairPlan.Step s : plan.steps()) {
            for (Finding f : s.resolves()) {
                if (after.findings().stream().anyMatch(a -> sameProblem(a, f))) stillThere.add(f);
            }
        }
        out.println(style.bold("Applied ") + plural(plan.steps().size(), "step") + ". Checked again: "
                + after.count(Severity.ERROR) + " errors, " + after.count(Severity.WARN) + " warnings.");
        for (Finding f : stillThere) {
            out.println("  " + style.bad("not fixed: ") + f.code().id() + " " + f.location());
        }
        for (String line : after.startupOutlook()) out.println("  " + line);
        out.flush();
        int resolves = plan.steps().stream().mapToInt(s -> s.resolves().size()).sum();
        int code = resolves == 0 || stillThere.size() < resolves ? ExitCodes.CORRECTED : ExitCodes.OK;
        if (!stillThere.isEmpty() || after.hasErrors()) code |= ExitCodes.UNCORRECTED;
        return code;
    }

    private static boolean sameProblem(Finding a, Finding b) {
        return a.code().equals(b.code()) && a.location().file().equals(b.location().file())
                && a.location().logDir().equals(b.location().logDir());
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** The plan for people: every step with its provenance, then what is left alone and why. */
    static final class PlanText {
        private final Style style;

        PlanText(Style style) {
            this.style = style;
        }

        void render(Report report, RepairPlan plan, PrintWriter out) {
            out.println(style.dim("kfsck " + KfsckVersion.version() + ": repair plan for " + plural(report.logDirs().size(), "log dir")
                    + " (" + report.count(Severity.ERROR) + " errors, " + report.count(Severity.WARN) + " warnings found)"));
            out.println();
            if (plan.steps().isEmpty()) {
                out.println(style.good("No step to take."));
            }
            int n = 1;
            for (RepairPlan.Step s : plan.steps()) {
                out.println(style.bold(n++ + ". " + s.action().summary()));
                out.println("   " + s.description());
                for (String line : s.action().why().render().split("\n")) out.println("   " + style.dim("why: ") + line.strip());
                for (String lost : s.recordsLost()) out.println("   " + style.bad("records lost: ") + lost);
                for (Finding f : s.resolves()) {
                    String range = Places.range(f.location());
                    out.println("   " + style.dim("fixes: ") + f.code().id() + " " + f.location().file() + (range.isEmpty() ? "" : " " + range));
                }
            }
            if (!plan.notRepaired().isEmpty()) {
                out.println();
                out.println(style.bold("Left as they are:"));
                for (RepairPlan.Unrepaired u : plan.notRepaired()) {
                    Finding f = u.finding();
                    out.println("  " + style.severity(f.severity()) + " " + f.code().id() + " " + f.location());
                    out.println("        " + u.reason());
                }
            }
            if (!plan.recordsLost().isEmpty()) {
                out.println();
                out.println(style.bad("This plan gives up records:"));
                for (String l : plan.recordsLost()) out.println("  " + l);
            }
            out.println();
        }
    }
}
