package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirLayout;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.analysis.PartitionDir;
import dev.kfsck.core.analysis.SegmentFiles;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.format.segment.Hole;
import dev.kfsck.core.repair.Provenance;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairPlan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Damaged record batches in a data partition's segments, repaired by the operator's {@link LossPolicy}:
 * <ul>
 *   <li>{@link LossPolicy#TRUNCATE}: cut the log after its last valid batch, as Kafka's recovery would: the damaged
 *       segment is cut at the scan's valid bytes, every later segment (with its indexes and the producer snapshots
 *       beyond the new end) is moved out of the log dir, never spliced back; the valid batches found beyond the
 *       damage are saved apart by {@link Salvage}. The cut segment's indexes and the clean-shutdown marker are deleted
 *       so that Kafka recovers the segment and rebuilds them.</li>
 *   <li>{@link LossPolicy#EXCISE}: cut out only the damaged bytes of each damaged segment, keeping every valid batch
 *       and every later segment; the offsets of the damaged batches become a gap, as compaction leaves.</li>
 *   <li>{@link LossPolicy#NONE}: nothing that loses records is applied; each finding goes to
 *       {@link RepairPlan#notRepaired()} with what truncation and excision would cost, and the files whose change would
 *       make Kafka truncate by itself (the indexes, the clean-shutdown marker) are held as they are.</li>
 * </ul>
 * A cut that loses nothing (only zero bytes after the last batch) is planned whatever the policy. Every step states
 * the records it costs, per partition, with offsets and counts, before anything is written. The metadata log is left
 * to Kafka, which recovers it whole at every start and re-replicates it from the raft leader.
 */
final class SegmentPlanner implements Planner {

    static final Set<String> DAMAGE = Set.of("SEG-CRC-MISMATCH", "SEG-LEGACY-CRC-MISMATCH", "SEG-BATCH-TOO-SMALL",
            "SEG-BATCH-PAST-END", "SEG-TORN-TAIL", "SEG-ZERO-TAIL", "SEG-DATA-AFTER-DAMAGE");
    /** Excision rewrites a segment through memory; larger segments are left to truncation. */
    static final long MAX_EXCISE_BYTES = 256L << 20;
    private static final Pattern SEGMENT = Pattern.compile("^[^/]+/\\d{20}\\.log$");
    private static final List<String> INDEX_SUFFIXES = List.of(".index", ".timeindex", ".txnindex");

    @Override
    public void plan(PlanContext ctx) throws IOException {
        for (LogDirReport dir : ctx.report().logDirs()) {
            Map<String, List<Finding>> byFolder = new TreeMap<>();
            for (Finding f : ctx.allFindings(dir)) {
                String file = f.location().file();
                if (!DAMAGE.contains(f.code().id()) || f.severity() == Severity.INFO || !ctx.options().wants(f.code().id())) continue;
                if (!SEGMENT.matcher(file).matches()) continue;
                byFolder.computeIfAbsent(file.substring(0, file.indexOf('/')), k -> new ArrayList<>()).add(f);
            }
            if (byFolder.isEmpty()) continue;
            LogDirLayout layout = LogDirLayout.scan(dir.dir());
            for (var e : byFolder.entrySet()) {
                PartitionDir pd = layout.partitions().stream()
                        .filter(p -> p.path().getFileName().toString().equals(e.getKey())).findFirst().orElse(null);
                if (pd == null) {
                    e.getValue().forEach(f -> ctx.cannot(f, "the partition folder " + e.getKey() + " is not a live partition of this dir"));
                } else if (pd.isMetadata()) {
                    e.getValue().forEach(f -> ctx.cannot(f, "the metadata log is recovered whole at every start: Kafka cuts it at the"
                            + " first bad batch and the raft leader sends the rest again; kfsck does not cut the raft log itself"));
                } else {
                    planPartition(ctx, dir, pd, e.getValue());
                }
            }
        }
    }

    private void planPartition(PlanContext ctx, LogDirReport dir, PartitionDir pd, List<Finding> findings) throws IOException {
        String folder = pd.path().getFileName().toString();
        long firstFlagged = Long.MAX_VALUE;
        for (Finding f : findings) {
            firstFlagged = Math.min(firstFlagged, Long.parseLong(f.location().file().substring(folder.length() + 1, folder.length() + 21)));
        }
        List<SegmentSurvey> surveys = new ArrayList<>();
        for (SegmentFiles s : pd.segments()) {
            if (s.log() != null && s.baseOffset() >= firstFlagged) surveys.add(SegmentSurvey.of(s.log(), folder + "/" + s.log().getFileName()));
        }
        int k = -1;
        for (int i = 0; i < surveys.size() && k < 0; i++) {
            if (surveys.get(i).damaged()) k = i;
        }
        if (k < 0) {
            findings.forEach(f -> ctx.cannot(f, "the segment scans clean now: nothing to cut"));
            return;
        }
        Loss truncate = Loss.ofTruncation(folder, surveys, k);
        Path marker = dir.dir().resolve(LogDirLayout.CLEAN_SHUTDOWN);
        boolean hasMarker = Files.exists(marker);
        String unchecked = findings.stream().anyMatch(f -> f.reaction() == KafkaReaction.SERVES_CORRUPT) || hasMarker
                ? " Kafka would not check this segment at startup (" + (hasMarker ? "the dir has a clean-shutdown marker"
                : "it lies below the recovery point") + ") and would serve the damage to consumers; the repair removes it and"
                + " makes Kafka recover the segment."
                : "";
        // every records-lost statement names its partition first
        List<String> goodCopies = ReplicaCopies.holding(ctx, dir, folder, truncate.from(), truncate.to()).stream()
                .map(s -> folder + ": " + s).toList();

        LossPolicy policy = truncate.isNothing() ? LossPolicy.TRUNCATE : ctx.options().policy();
        switch (policy) {
            case NONE -> {
                Loss excise = Loss.ofExcision(folder, surveys);
                String reason = "repairing it loses records, and no loss policy was given:" + unchecked
                        + " with --policy truncate, " + truncate.text() + "; with --policy excise, " + excise.text()
                        + (goodCopies.isEmpty() ? "" : "; " + String.join("; ", goodCopies));
                findings.forEach(f -> ctx.cannot(f, reason));
                for (SegmentSurvey s : surveys) {
                    if (s.damaged()) indexFiles(s.path()).forEach(ctx::hold);
                }
                ctx.hold(marker);
            }
            case TRUNCATE -> truncate(ctx, dir, pd, surveys, k, truncate, unchecked, goodCopies);
            case EXCISE -> excise(ctx, dir, surveys, unchecked, goodCopies, findings);
        }
    }

    private void truncate(PlanContext ctx, LogDirReport dir, PartitionDir pd, List<SegmentSurvey> surveys, int k,
                          Loss loss, String unchecked, List<String> goodCopies) throws IOException {
        SegmentSurvey cut = surveys.get(k);
        long at = cut.scan().validBytes();
        List<String> lost = new ArrayList<>();
        lost.add(loss.text());
        List<SegmentSurvey.Batch> beyond = cut.from(at);
        if (!beyond.isEmpty()) {
            Path dest = Outside.salvage(ctx.options().outsideDir(), dir.dir(), cut.rel());
            lost.add(loss.partition() + ": " + beyond.size() + " valid batches found beyond the damage (offsets " + beyond.get(0).baseOffset() + ".."
                    + beyond.get(beyond.size() - 1).lastOffset() + ", " + SegmentSurvey.records(beyond)
                    + " records) are saved to " + dest + " before the cut");
        }
        lost.addAll(goodCopies);
        Hole first = cut.scan().holes().isEmpty() ? null : cut.scan().holes().get(0);
        Provenance why = Provenance.of("the segment holds damaged bytes; cut it after its last valid batch, as Kafka's recovery would")
                .with("newLength=" + at, cut.rel() + ": end of the last batch whose header and CRC-32C verify"
                        + (first == null ? "" : " (the damage starts there: " + first.reason() + ")"))
                .with("log end offset " + cut.scan().nextOffset(), "the next offset after that batch");
        String desc = "cut " + cut.rel() + " from " + cut.scan().size() + " to " + at + " bytes: the log of "
                + pd.name().topicPartition() + " then ends at offset " + cut.scan().nextOffset() + "." + unchecked;
        if (ctx.add(new RepairPlan.Step(new RepairAction.TruncateFile(cut.path(), at, why), desc, lost, resolved(ctx, dir, cut.rel(), at)))) {
            ctx.plannedEnd(dir, pd.path().getFileName().toString(), cut.scan().nextOffset());
        }
        rebuildIndexes(ctx, dir, cut.path());

        for (int i = k + 1; i < surveys.size(); i++) {
            SegmentSurvey later = surveys.get(i);
            List<Path> files = new ArrayList<>();
            files.add(later.path());
            files.addAll(indexFiles(later.path()));
            for (Path p : files) {
                String rel = rel(dir, p);
                Path dest = Outside.movedOut(ctx.options(), dir.dir(), rel);
                ctx.add(new RepairPlan.Step(new RepairAction.MoveOut(p, dest, Provenance.of(
                                "a segment after the cut: Kafka's recovery would delete it; kfsck keeps it outside the log dir")
                                .with("destination=" + dest, "outside every log dir")),
                        "move " + rel + " (after the cut) out to " + dest, List.of(), resolved(ctx, dir, rel, -1)));
            }
        }
        for (var snap : pd.producerSnapshots().entrySet()) {
            if (snap.getKey() <= cut.scan().nextOffset()) continue;
            String rel = rel(dir, snap.getValue());
            Path dest = Outside.movedOut(ctx.options(), dir.dir(), rel);
            ctx.add(new RepairPlan.Step(new RepairAction.MoveOut(snap.getValue(), dest, Provenance.of(
                            "a producer snapshot beyond the new log end: it describes records that are cut"))
                    , "move " + rel + " (beyond the new log end) out to " + dest, List.of(), resolved(ctx, dir, rel, -1)));
        }
        deleteMarker(ctx, dir);
    }

    private void excise(PlanContext ctx, LogDirReport dir, List<SegmentSurvey> surveys, String unchecked,
                        List<String> goodCopies, List<Finding> findings) throws IOException {
        String folder = surveys.get(0).rel().substring(0, surveys.get(0).rel().indexOf('/'));
        for (int i = 0; i < surveys.size(); i++) {
            SegmentSurvey s = surveys.get(i);
            if (!s.damaged()) continue;
            if (s.scan().size() > MAX_EXCISE_BYTES) {
                for (Finding f : findings) {
                    if (f.location().file().equals(s.rel())) {
                        ctx.cannot(f, "excision rewrites the segment in memory and " + s.rel() + " has " + s.scan().size()
                                + " bytes (more than " + MAX_EXCISE_BYTES + "): use --policy truncate");
                    }
                }
                continue;
            }
            Loss loss = Loss.ofExcision(folder, surveys.subList(i, i + 1), i + 1 < surveys.size() ? surveys.get(i + 1).scan().fileBaseOffset() : -1);
            byte[] kept = keptBytes(s);
            List<String> lost = new ArrayList<>();
            lost.add(loss.text());
            lost.addAll(goodCopies);
            Provenance why = Provenance.of("the segment holds damaged bytes; cut out only those, keeping every batch whose header and CRC-32C verify")
                    .with("kept " + s.batches().size() + " batches, " + kept.length + " bytes", s.rel() + ": " + s.scan().holes().size()
                            + " damaged ranges " + ranges(s));
            boolean added = ctx.add(new RepairPlan.Step(new RepairAction.WriteFile(s.path(), kept, why),
                    "excise " + s.damagedBytes() + " damaged bytes from " + s.rel() + ", keeping its " + s.batches().size()
                            + " valid batches (an offset gap remains where the damaged batches were)." + unchecked,
                    lost, resolved(ctx, dir, s.rel(), Long.MAX_VALUE)));
            if (added && i == surveys.size() - 1 && endsInDamage(s)) ctx.plannedEnd(dir, folder, s.lastNextOffset());
            rebuildIndexes(ctx, dir, s.path());
        }
        deleteMarker(ctx, dir);
    }

    /** Whether the segment's last hole runs to the end of the file: cutting it out lowers the segment's end. */
    private static boolean endsInDamage(SegmentSurvey s) {
        List<Hole> holes = s.scan().holes();
        return !holes.isEmpty() && holes.get(holes.size() - 1).end() >= s.scan().size();
    }

    private static String ranges(SegmentSurvey s) {
        StringBuilder b = new StringBuilder();
        for (Hole h : s.scan().holes()) b.append(b.length() == 0 ? "" : ", ").append("[").append(h.start()).append(", ").append(h.end()).append(")");
        return b.toString();
    }

    /** The valid batches of the segment, back to back, in file order. */
    private static byte[] keptBytes(SegmentSurvey s) throws IOException {
        long total = s.batches().stream().mapToLong(SegmentSurvey.Batch::size).sum();
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(total));
        try (FileChannel ch = FileChannel.open(s.path(), StandardOpenOption.READ)) {
            for (SegmentSurvey.Batch b : s.batches()) {
                ByteBuffer slice = out.slice(out.position(), b.size());
                while (slice.hasRemaining()) {
                    if (ch.read(slice, b.position() + slice.position()) < 0) throw new IOException(s.path() + " shrank while read");
                }
                out.position(out.position() + b.size());
            }
        }
        return out.array();
    }

    private void rebuildIndexes(PlanContext ctx, LogDirReport dir, Path segment) {
        for (Path idx : indexFiles(segment)) {
            String rel = rel(dir, idx);
            ctx.add(new RepairPlan.Step(new RepairAction.DeleteFile(idx, Provenance.of(
                            "the index describes the segment as it was; without its .index Kafka recovers the segment at startup"
                                    + " and rebuilds .index, .timeindex and .txnindex from the batches")),
                    "delete " + rel + " so that Kafka rebuilds it", List.of(), resolved(ctx, dir, rel, -1)));
        }
    }

    private void deleteMarker(PlanContext ctx, LogDirReport dir) {
        Path marker = dir.dir().resolve(LogDirLayout.CLEAN_SHUTDOWN);
        if (!Files.exists(marker)) return;
        ctx.add(new RepairPlan.Step(new RepairAction.DeleteFile(marker, Provenance.of(
                        "with the clean-shutdown marker Kafka skips recovery, so it would not rebuild the deleted indexes")),
                "delete " + LogDirLayout.CLEAN_SHUTDOWN + " so that Kafka recovers the changed segments at startup",
                List.of(), ctx.markerFindings(dir)));
    }

    static List<Path> indexFiles(Path segment) {
        String base = segment.getFileName().toString();
        base = base.substring(0, base.length() - ".log".length());
        List<Path> out = new ArrayList<>();
        for (String suffix : INDEX_SUFFIXES) {
            Path p = segment.resolveSibling(base + suffix);
            if (Files.exists(p)) out.add(p);
        }
        return out;
    }

    private static String rel(LogDirReport dir, Path p) {
        return dir.dir().relativize(p).toString().replace('\\', '/');
    }

    /** The findings a change of {@code rel} removes: every one located in it, or, with {@code from >= 0}, the damage and whatever lies at or after byte {@code from}. */
    private static List<Finding> resolved(PlanContext ctx, LogDirReport dir, String rel, long from) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : ctx.problemsOn(dir, rel)) {
            if (from < 0 || DAMAGE.contains(f.code().id()) || f.location().offset() >= from) out.add(f);
        }
        return out;
    }
}
