package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LayoutCodes;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.repair.Provenance;
import dev.kfsck.core.repair.RepairAction;

import java.nio.file.Path;
import java.util.List;

/**
 * A folder Kafka cannot parse as a partition stops the broker: move it out of the log dir, never delete it.
 * {@link dev.kfsck.core.repair.RepairExecutor} moves the whole folder (rename, or a verified copy across file
 * systems) and journals its tree digest, so that undo can put it back byte for byte.
 */
final class StrayFolderPlanner implements Planner {

    @Override
    public void plan(PlanContext ctx) {
        for (LogDirReport dir : ctx.report().logDirs()) {
            for (Finding f : ctx.allFindings(dir)) {
                if (f.code() != LayoutCodes.STRAY_FOLDER || !ctx.options().wants(f.code().id())) continue;
                Path folder = dir.dir().resolve(f.location().file());
                Path dest = Outside.movedOut(ctx.options(), dir.dir(), f.location().file());
                Provenance why = Provenance.of("Kafka exits at startup on a folder not named topic-partition; moving it out keeps its content")
                        .with("destination=" + dest, "outside every log dir and the backup folder");
                ctx.add(PlanContext.step(new RepairAction.MoveOut(folder, dest, why),
                        "move stray folder " + f.location().file() + " out of the log dir to " + dest, List.of(f)));
            }
        }
    }
}
