package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairPlan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the planners share: the report, the options, and the plan as it grows. */
final class PlanContext {

    private final Report report;
    private final RepairOptions options;
    private final List<RepairPlan.Step> steps = new ArrayList<>();
    private final List<RepairPlan.Unrepaired> unrepaired = new ArrayList<>();
    private final Set<Path> touched = new HashSet<>();

    PlanContext(Report report, RepairOptions options) {
        this.report = report;
        this.options = options;
    }

    Report report() {
        return report;
    }

    RepairOptions options() {
        return options;
    }

    /** Findings about one file of one dir that ask for a repair (ERROR or WARN) and that the operator selected. */
    List<Finding> problemsOn(LogDirReport dir, String file) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : allFindings(dir)) {
            if (f.location().file().equals(file) && f.severity() != Severity.INFO && options.wants(f.code().id())) out.add(f);
        }
        return out;
    }

    /** The dir's findings plus the cross-dir findings located in it. */
    List<Finding> allFindings(LogDirReport dir) {
        List<Finding> out = new ArrayList<>(dir.findings());
        for (Finding f : report.crossDirFindings()) {
            if (f.location().logDir().equals(dir.dir().toString())) out.add(f);
        }
        return out;
    }

    boolean hasError(List<Finding> fs) {
        return fs.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    /** Adds a step unless another step already changes the same file; returns whether it was added. */
    boolean add(RepairPlan.Step step) {
        if (!touched.add(step.action().path())) return false;
        steps.add(step);
        return true;
    }

    boolean touches(Path p) {
        return touched.contains(p);
    }

    void cannot(Finding f, String reason) {
        unrepaired.add(new RepairPlan.Unrepaired(f, reason));
    }

    RepairPlan plan() {
        return new RepairPlan(steps, unrepaired);
    }

    static RepairPlan.Step step(RepairAction a, String description, List<Finding> resolves) {
        return new RepairPlan.Step(a, description, List.of(), resolves);
    }
}
