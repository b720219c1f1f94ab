package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LayoutCodes;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.repair.Provenance;
import dev.kfsck.core.repair.RepairAction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code LAYOUT-BAD-FILE-NAME}: an index, producer snapshot, {@code .cleaned} or {@code .swap} file whose name before
 * the first dot is no offset, or a segment swap whose offset lacks the zero padding. Kafka never uses such a file's
 * bytes (it fails on the name before it reads one, or completes an empty swap in its place, over the segment of that
 * offset), and it rebuilds indexes and producer snapshots from the segments, so the file is moved out of the log dir,
 * never deleted; undo puts it back. No record Kafka would serve is lost: the records of a misnamed swap stay outside.
 */
final class MisnamedFilePlanner implements Planner {

    @Override
    public void plan(PlanContext ctx) {
        for (LogDirReport dir : ctx.report().logDirs()) {
            for (Finding f : ctx.allFindings(dir)) {
                if (f.code() != LayoutCodes.BAD_FILE_NAME || !ctx.options().wants(f.code().id())) continue;
                String rel = f.location().file();
                Path file = dir.dir().resolve(rel);
                if (!Files.isRegularFile(file) || ctx.touches(file)) {
                    ctx.cannot(f, Files.isRegularFile(file) ? "another step of this plan changes " + rel : rel + " is gone");
                    continue;
                }
                Path dest = Outside.movedOut(ctx.options(), dir.dir(), rel);
                Provenance why = Provenance.of(f.reaction() == KafkaReaction.STARTUP_FATAL
                                ? "Kafka exits at startup on a file whose name it parses as an offset and cannot; it never reads"
                                + " this file, and rebuilds indexes and producer snapshots from the segments"
                                : "Kafka would complete an empty swap in place of this unpadded one, over the segment of its offset,"
                                + " and never load this file's records; kept outside, they stay available")
                        .with("destination=" + dest, "outside every log dir and the backup folder");
                ctx.add(PlanContext.step(new RepairAction.MoveOut(file, dest, why),
                        "move misnamed " + rel + " out of the log dir to " + dest, List.of(f)));
            }
        }
    }
}
