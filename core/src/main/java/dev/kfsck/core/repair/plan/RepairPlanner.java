package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.repair.RepairPlan;

import java.io.IOException;
import java.util.List;

/**
 * Turns a check's findings into a repair plan. Every value a step writes is derived from evidence on disk (or from
 * the operator's options) and its provenance says where it came from; where no safe value exists, the finding goes
 * to {@link RepairPlan#notRepaired()} with the reason. Planning writes nothing.
 *
 * <pre>{@code
 * Report report = LogDirChecker.check(dirs);
 * RepairPlan plan = RepairPlanner.plan(report, RepairOptions.defaults(outside));
 * }</pre>
 */
public final class RepairPlanner {

    private static final List<Planner> PLANNERS = List.of(
            new StrayFolderPlanner(),
            new QuorumStatePlanner(),
            new OffsetCheckpointPlanner(),
            new LeaderEpochPlanner(),
            new AuxiliaryFilePlanner());

    private RepairPlanner() {
    }

    public static RepairPlan plan(Report report, RepairOptions options) throws IOException {
        PlanContext ctx = new PlanContext(report, options);
        for (Planner p : PLANNERS) p.plan(ctx);
        return ctx.plan();
    }
}
