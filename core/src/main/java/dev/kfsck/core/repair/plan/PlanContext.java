package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirLayout;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.format.metadata.ClusterMetadata;
import dev.kfsck.core.format.metadata.MetadataImageBuilder;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairPlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the planners share: the report, the options, and the plan as it grows. */
final class PlanContext {

    private final Report report;
    private final RepairOptions options;
    private final List<RepairPlan.Step> steps = new ArrayList<>();
    private final List<RepairPlan.Unrepaired> unrepaired = new ArrayList<>();
    private final Set<Path> touched = new HashSet<>();
    private final Set<Path> held = new HashSet<>();
    private final Map<Path, Optional<ClusterMetadata>> images = new HashMap<>();
    private final Map<Path, Map<String, Long>> plannedEnds = new HashMap<>();

    PlanContext(Report report, RepairOptions options) {
        this.report = report;
        this.options = options;
    }

    /**
     * The metadata image as Kafka would load it from {@code dir}'s {@code __cluster_metadata-0}, or, when that dir
     * holds none, from the first checked dir that does; empty when no checked dir holds a metadata log. Built once.
     */
    Optional<Image> image(LogDirReport dir) throws IOException {
        List<LogDirReport> order = new ArrayList<>();
        order.add(dir);
        order.addAll(report.logDirs());
        for (LogDirReport d : order) {
            Path md = d.dir().resolve(LogDirLayout.METADATA_DIR);
            if (!Files.isDirectory(md)) continue;
            Optional<ClusterMetadata> built = images.get(md);
            if (built == null) {
                built = Optional.ofNullable(MetadataImageBuilder.build(md, LogDirLayout.METADATA_DIR).model());
                images.put(md, built);
            }
            if (built.isPresent()) return Optional.of(new Image(d, built.get()));
        }
        return Optional.empty();
    }

    /** A metadata image and the dir it was built from. */
    record Image(LogDirReport from, ClusterMetadata metadata) {
        /** Where it came from, in words. */
        String source() {
            var p = metadata.provenance();
            return "the metadata image of " + from.dir().resolve(LogDirLayout.METADATA_DIR)
                    + (p.snapshotFile().isEmpty() ? "" : " (snapshot " + p.snapshotFile() + ")")
                    + (p.lastLogOffset() >= 0 ? " with the log up to offset " + p.lastLogOffset() : "");
        }
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

    /**
     * Every selected finding about the dir's clean-shutdown marker, INFO included: a step that deletes the marker
     * resolves them all, since the marker is what they describe.
     */
    List<Finding> markerFindings(LogDirReport dir) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : allFindings(dir)) {
            if (f.location().file().equals(LogDirLayout.CLEAN_SHUTDOWN) && options.wants(f.code().id())) out.add(f);
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

    /** Adds a step unless another step already changes the same file or the file is held; returns whether it was added. */
    boolean add(RepairPlan.Step step) {
        if (held.contains(step.action().path())) return false;
        if (!touched.add(step.action().path())) return false;
        steps.add(step);
        return true;
    }

    /**
     * Keeps a file as it is for the rest of the plan: a planner that leaves damage unrepaired holds the files whose
     * change would make Kafka act on that damage (an index or a clean-shutdown marker whose removal makes recovery
     * truncate what the operator chose to keep).
     */
    void hold(Path p) {
        if (!touched.contains(p)) held.add(p);
    }

    boolean touches(Path p) {
        return touched.contains(p);
    }

    /**
     * Records that a step of the plan moves {@code folder}'s log end down to {@code end} (a segment cut), so that the
     * planners after it write checkpoint values for the log as it will be, not as it is.
     */
    void plannedEnd(LogDirReport dir, String folder, long end) {
        plannedEnds.computeIfAbsent(dir.dir(), k -> new HashMap<>()).merge(folder, end, Math::min);
    }

    /** The log ends the plan's steps so far leave in {@code dir}, by partition folder ({@code orders-0}). */
    Map<String, Long> plannedEnds(LogDirReport dir) {
        return Map.copyOf(plannedEnds.getOrDefault(dir.dir(), Map.of()));
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
