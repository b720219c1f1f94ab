package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirLayout;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.analysis.PartitionDir;
import dev.kfsck.core.analysis.SegmentFiles;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.format.segment.SegmentCodes;
import dev.kfsck.core.repair.Provenance;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairPlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gives a segment the name Kafka needs, the 20-digit base offset of its first batch:
 * <ul>
 *   <li>{@code SEG-FIRST-OFFSET-BELOW-BASE}: a segment whose first batch starts below the base offset in its name;</li>
 *   <li>{@code SEG-BAD-FILE-NAME}: a {@code .log} file whose name is not 20 digits, which Kafka takes for a segment
 *       anyway (and exits on, or hides its records).</li>
 * </ul>
 * The segment is written under the new name and the old file deleted; indexes under the old or new base are deleted
 * so that Kafka rebuilds them for the new name. Where the new name would give two segments the same offsets (another
 * segment holds them, or a file of that name exists), or the file holds no valid batch, a misnamed file is moved out of
 * the log dir instead (Kafka could not load its records either way) and a segment with a 20-digit name is left alone.
 * No record of the log changes.
 */
final class SegmentRenamePlanner implements Planner {

    @Override
    public void plan(PlanContext ctx) throws IOException {
        for (LogDirReport dir : ctx.report().logDirs()) {
            List<Finding> named = ctx.allFindings(dir).stream()
                    .filter(f -> (f.code() == SegmentCodes.FIRST_OFFSET_BELOW_BASE || f.code() == SegmentCodes.BAD_FILE_NAME)
                            && f.severity() != Severity.INFO && ctx.options().wants(f.code().id())
                            && f.location().file().matches("^[^/]+/[^/]+\\.log$"))
                    .toList();
            if (named.isEmpty()) continue;
            LogDirLayout layout = LogDirLayout.scan(dir.dir());
            for (Finding f : named) planOne(ctx, dir, layout, f);
        }
    }

    private static void planOne(PlanContext ctx, LogDirReport dir, LogDirLayout layout, Finding f) throws IOException {
        String rel = f.location().file();
        String folder = rel.substring(0, rel.indexOf('/'));
        boolean misnamed = f.code() == SegmentCodes.BAD_FILE_NAME;
        Optional<PartitionDir> pd = layout.partitions().stream().filter(p -> p.path().getFileName().toString().equals(folder)).findFirst();
        Path seg = dir.dir().resolve(rel);
        if (pd.isEmpty() || pd.get().isMetadata() || !Files.isRegularFile(seg)) {
            ctx.cannot(f, pd.isEmpty() ? folder + " is not a live partition of this dir"
                    : !Files.isRegularFile(seg) ? rel + " is gone" : "the metadata log is recovered whole at every start; kfsck does not rename its segments");
            return;
        }
        if (ctx.touches(seg)) {
            ctx.cannot(f, "another step of this plan changes " + rel + "; check and repair again after it");
            return;
        }
        if (Files.size(seg) > SegmentPlanner.MAX_EXCISE_BYTES) {
            ctx.cannot(f, rel + " is larger than kfsck copies in memory (" + SegmentPlanner.MAX_EXCISE_BYTES + " bytes): rename it by hand");
            return;
        }
        SegmentSurvey s = SegmentSurvey.of(seg, rel);
        String refusal;
        String lost = null;
        if (s.batches().isEmpty()) {
            refusal = rel + " holds no valid batch";
        } else {
            long first = s.batches().get(0).baseOffset();
            Long cut = ctx.plannedEnds(dir).get(folder);
            boolean beyondCut = cut != null && cut < s.lastNextOffset();
            refusal = beyondCut ? "put it past the end " + cut + " that a segment cut of this plan leaves"
                    : clash(pd.get(), misnamed ? -1 : s.scan().fileBaseOffset(), first, s.lastNextOffset());
            if (beyondCut) {
                lost = folder + ": offsets " + Math.max(first, cut) + ".." + (s.lastNextOffset() - 1) + " are dropped: "
                        + SegmentSurvey.records(s.batches()) + " records of the misnamed " + rel + " lie beyond the cut";
            }
            if (refusal == null) {
                rename(ctx, dir, seg, rel, folder, first);
                return;
            }
            refusal = "naming it by its first offset " + first + " would " + refusal;
        }
        if (!misnamed) {
            ctx.cannot(f, refusal);
            return;
        }
        Path dest = Outside.movedOut(ctx.options(), dir.dir(), rel);
        ctx.add(new RepairPlan.Step(new RepairAction.MoveOut(seg, dest, Provenance.of("a .log file Kafka takes for a segment but cannot"
                        + " load under its name; " + refusal + ", so its bytes are kept outside the log dir")
                        .with("destination=" + dest, "outside every log dir")),
                "move " + rel + " out to " + dest + " (" + refusal + ")", lost == null ? List.of() : List.of(lost + "; the file is kept at " + dest),
                ctx.problemsOn(dir, rel)));
    }

    private static void rename(PlanContext ctx, LogDirReport dir, Path seg, String rel, String folder, long first) throws IOException {
        String stem = String.format("%020d", first);
        Path target = seg.resolveSibling(stem + ".log");
        String targetRel = folder + "/" + target.getFileName();
        Provenance why = Provenance.of("Kafka names a segment by the 20-digit base offset of its first batch")
                .with("name=" + target.getFileName(), rel + ": first batch base offset " + first
                        + "; no other segment holds offsets from there to the file's last batch");
        if (!ctx.add(PlanContext.step(new RepairAction.WriteFile(target, Files.readAllBytes(seg), why),
                "copy " + rel + " to " + targetRel + " (named by its first batch's base offset; no record changes)", List.of()))) {
            ctx.problemsOn(dir, rel).forEach(f -> ctx.cannot(f, "another step of this plan writes " + targetRel));
            return;
        }
        ctx.add(PlanContext.step(new RepairAction.DeleteFile(seg, Provenance.of("the segment now lives under its right name, " + targetRel)),
                "delete " + rel + " (copied to " + targetRel + ")", ctx.problemsOn(dir, rel)));
        List<Path> indexes = new ArrayList<>(SegmentPlanner.indexFiles(target));
        indexes.addAll(SegmentPlanner.indexFiles(seg));
        for (Path idx : indexes) {
            String idxRel = folder + "/" + idx.getFileName();
            ctx.add(PlanContext.step(new RepairAction.DeleteFile(idx, Provenance.of("an index that does not describe the renamed"
                            + " segment under its new name; without its .index Kafka recovers the segment and rebuilds its indexes")),
                    "delete " + idxRel + " so that Kafka rebuilds the indexes of " + targetRel, ctx.problemsOn(dir, idxRel)));
        }
    }

    /**
     * What naming a segment [first, end) would break, or null: another segment (other than the one named
     * {@code ownBase}) starting within it, or the one before it ending past {@code first}.
     */
    private static String clash(PartitionDir pd, long ownBase, long first, long end) throws IOException {
        SegmentFiles previous = null;
        for (SegmentFiles other : pd.segments()) {
            if (other.log() == null || other.baseOffset() == ownBase) continue;
            // an empty segment at the new name is what Kafka opened in place of a misnamed one: the copy replaces it
            if (other.baseOffset() == first && Files.size(other.log()) == 0) continue;
            if (other.baseOffset() >= first && other.baseOffset() < Math.max(end, first + 1)) {
                return "give it the offsets of segment " + other.baseOffset() + ", which starts within them";
            }
            if (other.baseOffset() < first) previous = other;
        }
        if (previous != null) {
            String prevRel = pd.path().getFileName() + "/" + previous.log().getFileName();
            long prevEnd = SegmentSurvey.of(previous.log(), prevRel).lastNextOffset();
            if (prevEnd > first) return "overlap segment " + previous.baseOffset() + ", which holds offsets up to " + (prevEnd - 1);
        }
        return null;
    }
}
