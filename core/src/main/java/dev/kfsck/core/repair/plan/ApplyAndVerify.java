package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.repair.ApplyResult;
import dev.kfsck.core.repair.RepairExecutor;
import dev.kfsck.core.repair.RepairPlan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A whole repair, step 5 of the protocol included: plan, save the salvage, apply through {@link RepairExecutor}, then
 * check the dirs again. A repair is done only when the new check no longer reports what each step claimed to resolve;
 * whatever it still reports is returned as leftovers.
 *
 * <pre>{@code
 * ApplyAndVerify.Outcome o = ApplyAndVerify.run(dirs, RepairOptions.defaults(outside).withPolicy(LossPolicy.TRUNCATE), backup);
 * if (!o.clean()) { o.leftovers(); o.plan().notRepaired(); }
 * Undo.apply(o.applied().journalFile());   // takes it all back
 * }</pre>
 */
public final class ApplyAndVerify {

    private ApplyAndVerify() {
    }

    /**
     * How it went.
     *
     * @param before    the check the plan came from
     * @param plan      the plan
     * @param salvaged  the salvage files written before the cuts
     * @param applied   the executor's result, or null when the plan had no step
     * @param after     the check after the repair (the same as {@code before} when nothing was applied)
     * @param leftovers findings a step claimed to resolve that the new check still reports
     * @param appeared  ERROR or WARN findings the new check reports that the first did not (a repair may uncover
     *                  damage that earlier damage hid)
     */
    public record Outcome(Report before, RepairPlan plan, List<Salvage.Saved> salvaged, ApplyResult applied, Report after,
                          List<Finding> leftovers, List<Finding> appeared) {

        /** Applied, nothing claimed is left, and nothing was left unrepaired. */
        public boolean clean() {
            return (applied == null || applied.applied()) && leftovers.isEmpty() && plan.notRepaired().isEmpty();
        }
    }

    /** Checks {@code dirs}, plans with {@code options}, and applies and verifies the plan. */
    public static Outcome run(List<Path> dirs, RepairOptions options, Path backupDir) throws IOException {
        Report before = LogDirChecker.check(dirs.toArray(Path[]::new));
        return apply(before, RepairPlanner.plan(before, options), dirs, options.outsideDir(), backupDir);
    }

    /** Applies a plan made from {@code before} and verifies it with a new check. */
    public static Outcome apply(Report before, RepairPlan plan, List<Path> dirs, Path outsideDir, Path backupDir) throws IOException {
        if (plan.isEmpty()) return new Outcome(before, plan, List.of(), null, before, List.of(), List.of());
        List<Salvage.Saved> salvaged = Salvage.save(plan, dirs, outsideDir);
        ApplyResult result = RepairExecutor.apply(plan, dirs, backupDir);
        if (!result.applied()) return new Outcome(before, plan, salvaged, result, before, List.of(), List.of());
        Report after = LogDirChecker.check(dirs.toArray(Path[]::new));
        Set<Path> cut = truncatedFiles(plan);
        Set<String> now = new HashSet<>();
        for (Finding f : after.findings()) now.add(key(f, cut));
        Set<String> earlier = new HashSet<>();
        for (Finding f : before.findings()) earlier.add(key(f, cut));
        List<Finding> left = new ArrayList<>();
        for (RepairPlan.Step s : plan.steps()) {
            for (Finding f : s.resolves()) {
                if (now.contains(key(f, cut)) && !left.contains(f)) left.add(f);
            }
        }
        List<Finding> appeared = after.findings().stream()
                .filter(f -> f.severity() != Severity.INFO && !earlier.contains(key(f, cut))).toList();
        return new Outcome(before, plan, salvaged, result, after, left, appeared);
    }

    /**
     * Same code in the same file of the same dir: byte offsets may move when a file is rewritten. In a file that was
     * only cut, the bytes before the cut do not move, so there the offset tells findings apart too: a cut resolves
     * what lay beyond it, not the findings of the same code before it.
     */
    static String key(Finding f, Set<Path> truncated) {
        String k = key(f);
        Path file = Path.of(f.location().logDir()).resolve(f.location().file()).toAbsolutePath().normalize();
        return truncated.contains(file) ? k + "|" + f.location().offset() : k;
    }

    static Set<Path> truncatedFiles(RepairPlan plan) {
        Set<Path> out = new HashSet<>();
        for (RepairPlan.Step s : plan.steps()) {
            if (s.action() instanceof dev.kfsck.core.repair.RepairAction.TruncateFile t) out.add(t.path().toAbsolutePath().normalize());
        }
        return out;
    }

    /** Same code in the same file of the same dir: byte offsets may move when a file is rewritten. */
    static String key(Finding f) {
        return f.code().id() + "|" + f.location().logDir() + "|" + f.location().file();
    }
}
