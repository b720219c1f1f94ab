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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Gives a segment whose first batch starts below the base offset in its name ({@code SEG-FIRST-OFFSET-BELOW-BASE}) the
 * name of that first batch's base offset: the segment is written under the new name and the old file deleted; its
 * indexes, which are relative to the wrong base, are deleted so that Kafka rebuilds them for the new name. Refused
 * when another segment holds offsets at or past the new base (two copies of the same offsets), when a file of the new
 * name exists, or when the segment is too large to copy in memory. No record changes.
 */
final class SegmentRenamePlanner implements Planner {

    private static final Pattern SEGMENT = Pattern.compile("^[^/]+/\\d{20}\\.log$");

    @Override
    public void plan(PlanContext ctx) throws IOException {
        for (LogDirReport dir : ctx.report().logDirs()) {
            List<Finding> below = ctx.allFindings(dir).stream()
                    .filter(f -> f.code() == SegmentCodes.FIRST_OFFSET_BELOW_BASE && f.severity() != Severity.INFO
                            && ctx.options().wants(f.code().id()) && SEGMENT.matcher(f.location().file()).matches())
                    .toList();
            if (below.isEmpty()) continue;
            LogDirLayout layout = LogDirLayout.scan(dir.dir());
            for (Finding f : below) planOne(ctx, dir, layout, f);
        }
    }

    private static void planOne(PlanContext ctx, LogDirReport dir, LogDirLayout layout, Finding f) throws IOException {
        String rel = f.location().file();
        String folder = rel.substring(0, rel.indexOf('/'));
        long nameBase = Long.parseLong(rel.substring(folder.length() + 1, folder.length() + 21));
        Optional<PartitionDir> pd = layout.partitions().stream().filter(p -> p.path().getFileName().toString().equals(folder)).findFirst();
        if (pd.isEmpty() || pd.get().isMetadata()) {
            ctx.cannot(f, pd.isEmpty() ? folder + " is not a live partition of this dir"
                    : "the metadata log is recovered whole at every start; kfsck does not rename its segments");
            return;
        }
        Path seg = dir.dir().resolve(rel);
        if (ctx.touches(seg)) {
            ctx.cannot(f, "another step of this plan changes " + rel + "; check and repair again after it");
            return;
        }
        if (Files.size(seg) > SegmentPlanner.MAX_EXCISE_BYTES) {
            ctx.cannot(f, rel + " is larger than kfsck copies in memory (" + SegmentPlanner.MAX_EXCISE_BYTES + " bytes): rename it by hand");
            return;
        }
        SegmentSurvey s = SegmentSurvey.of(seg, rel);
        if (s.batches().isEmpty()) {
            ctx.cannot(f, rel + " holds no valid batch now");
            return;
        }
        long first = s.batches().get(0).baseOffset();
        String clash = clash(pd.get(), nameBase, first);
        if (clash != null) {
            ctx.cannot(f, "renaming " + rel + " to base offset " + first + " would " + clash);
            return;
        }
        Path target = seg.resolveSibling(String.format("%020d.log", first));
        for (String suffix : List.of(".log", ".index", ".timeindex", ".txnindex")) {
            Path p = seg.resolveSibling(String.format("%020d", first) + suffix);
            if (Files.exists(p)) {
                ctx.cannot(f, folder + "/" + p.getFileName() + " exists already");
                return;
            }
        }
        String targetRel = folder + "/" + target.getFileName();
        Provenance why = Provenance.of("the segment's first batch starts below the base offset in its name; Kafka names a"
                        + " segment by its first offset").with("name=" + target.getFileName(), rel + ": first batch base offset " + first
                        + "; the previous segment ends below it and no segment starts in [" + first + ", " + nameBase + ")");
        if (!ctx.add(PlanContext.step(new RepairAction.WriteFile(target, Files.readAllBytes(seg), why),
                "copy " + rel + " to " + targetRel + " (named by its first batch's base offset; no record changes)", List.of()))) {
            ctx.cannot(f, "another step of this plan writes " + targetRel);
            return;
        }
        ctx.add(PlanContext.step(new RepairAction.DeleteFile(seg, Provenance.of("the segment now lives under its right name, " + targetRel)),
                "delete " + rel + " (copied to " + targetRel + ")", ctx.problemsOn(dir, rel)));
        for (Path idx : SegmentPlanner.indexFiles(seg)) {
            String idxRel = folder + "/" + idx.getFileName();
            ctx.add(PlanContext.step(new RepairAction.DeleteFile(idx, Provenance.of("an index relative to the wrong base offset"
                            + " " + nameBase + "; without its .index Kafka recovers the renamed segment and rebuilds its indexes")),
                    "delete " + idxRel + " so that Kafka rebuilds the indexes of " + targetRel, ctx.problemsOn(dir, idxRel)));
        }
    }

    /** What a rename to {@code first} would break, or null: another segment starting in [first, nameBase), or one ending past first. */
    private static String clash(PartitionDir pd, long nameBase, long first) throws IOException {
        SegmentFiles previous = null;
        for (SegmentFiles other : pd.segments()) {
            if (other.log() == null || other.baseOffset() == nameBase) continue;
            if (other.baseOffset() >= first && other.baseOffset() < nameBase) {
                return "put it after segment " + other.baseOffset() + ", which starts within its offsets";
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
