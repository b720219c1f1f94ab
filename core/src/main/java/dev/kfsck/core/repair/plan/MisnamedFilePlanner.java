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
 * {@code LAYOUT-BAD-FILE-NAME} that stops the broker: an index, producer snapshot, {@code .cleaned} or {@code .swap}
 * file whose name before the first dot is no offset. Kafka could never use such a file (it fails on the name before
 * it reads a byte), and it rebuilds indexes and producer snapshots from the segments, so the file is moved out of the
 * log dir, never deleted; undo puts it back. An unpadded segment swap ({@code 202.log.swap}) is left to a person:
 * it may hold the only copy of records, and which name it should have is a judgement.
 */
final class MisnamedFilePlanner implements Planner {

    @Override
    public void plan(PlanContext ctx) {
        for (LogDirReport dir : ctx.report().logDirs()) {
            for (Finding f : ctx.allFindings(dir)) {
                if (f.code() != LayoutCodes.BAD_FILE_NAME || !ctx.options().wants(f.code().id())) continue;
                String rel = f.location().file();
                Path file = dir.dir().resolve(rel);
                if (f.reaction() != KafkaReaction.STARTUP_FATAL) {
                    ctx.cannot(f, "a segment swap without the zero padding may hold the only copy of its records: rename it by hand");
                    continue;
                }
                if (!Files.isRegularFile(file) || ctx.touches(file)) {
                    ctx.cannot(f, Files.isRegularFile(file) ? "another step of this plan changes " + rel : rel + " is gone");
                    continue;
                }
                Path dest = Outside.movedOut(ctx.options(), dir.dir(), rel);
                Provenance why = Provenance.of("Kafka exits at startup on a file whose name it parses as an offset and cannot;"
                                + " it never reads this file, and rebuilds indexes and producer snapshots from the segments")
                        .with("destination=" + dest, "outside every log dir and the backup folder");
                ctx.add(PlanContext.step(new RepairAction.MoveOut(file, dest, why),
                        "move misnamed " + rel + " out of the log dir to " + dest, List.of(f)));
            }
        }
    }
}
