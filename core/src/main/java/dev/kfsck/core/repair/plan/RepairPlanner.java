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
 * <p>The entry points of {@code kfsck repair} and {@code kfsck undo}:
 * <pre>{@code
 * Report report = LogDirChecker.check(dirs);                                   // kfsck check
 * RepairOptions options = RepairOptions.defaults(outside).withPolicy(LossPolicy.TRUNCATE);
 * RepairPlan plan = RepairPlanner.plan(report, options);                       // kfsck repair (dry run): print it
 * ApplyAndVerify.Outcome o = ApplyAndVerify.apply(report, plan, dirs, outside, backup);   // kfsck repair --apply
 * Undo.apply(o.applied().journalFile());                                       // kfsck undo JOURNAL
 * }</pre>
 * {@link ApplyAndVerify} saves the salvage ({@link Salvage#save}), runs {@link dev.kfsck.core.repair.RepairExecutor#apply}
 * and checks again; calling the executor directly skips the salvage file and the check after.
 *
 * <p>The planners, in the order they claim files (a file is changed by one step at most; the first planner wins):
 * stray folders; index, producer snapshot, .cleaned and .swap files whose names Kafka cannot parse; damaged segments
 * ({@link LossPolicy}); batch magic bytes; segments named above their first offset;
 * the newest metadata snapshot; bootstrap.checkpoint of an initialised node; meta.properties; partition.metadata;
 * quorum-state; the four root offset checkpoints; leader-epoch checkpoints; indexes and producer snapshots that Kafka
 * rebuilds.
 */
public final class RepairPlanner {

    private static final List<Planner> PLANNERS = List.of(
            new StrayFolderPlanner(),
            new MisnamedFilePlanner(),
            new SegmentPlanner(),
            new MagicBytePlanner(),
            new SegmentRenamePlanner(),
            new SnapshotPlanner(),
            new BootstrapCheckpointPlanner(),
            new MetaPropertiesPlanner(),
            new PartitionMetadataPlanner(),
            new QuorumStatePlanner(),
            new OffsetCheckpointPlanner(),
            new LeaderEpochPlanner(),
            new AuxiliaryFilePlanner());

    private RepairPlanner() {
    }

    /**
     * The plan for {@code report}'s findings under {@code options}. Reads the evidence it needs (segments, snapshots,
     * the metadata log) but writes nothing. Stable entry point.
     *
     * @throws IOException when a file the report names cannot be read any more
     */
    public static RepairPlan plan(Report report, RepairOptions options) throws IOException {
        PlanContext ctx = new PlanContext(report, options);
        for (Planner p : PLANNERS) p.plan(ctx);
        return ctx.plan();
    }
}
