package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.analysis.PartitionCodes;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.checkpoint.CheckpointCodes;
import dev.kfsck.core.format.checkpoint.CheckpointKind;
import dev.kfsck.core.format.checkpoint.CheckpointParser;
import dev.kfsck.core.format.checkpoint.CheckpointWriter;
import dev.kfsck.core.format.checkpoint.OffsetCheckpoint;
import dev.kfsck.core.format.checkpoint.OffsetEntry;
import dev.kfsck.core.io.BoundedRead;
import dev.kfsck.core.repair.Provenance;
import dev.kfsck.core.repair.RepairAction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds the four offset checkpoints of a log dir root from the partitions on disk, keeping every old value that
 * is still readable and safe. Each value names the rule it came from. The seed incident's {@code 0\n0\n} is only
 * written where the dir holds no partition at all.
 */
final class OffsetCheckpointPlanner implements Planner {

    private static final int MAX_BYTES = 64 << 20;
    private static final List<CheckpointKind> KINDS = List.of(CheckpointKind.REPLICATION_OFFSET,
            CheckpointKind.RECOVERY_POINT, CheckpointKind.LOG_START_OFFSET, CheckpointKind.CLEANER_OFFSET);

    @Override
    public void plan(PlanContext ctx) throws IOException {
        for (LogDirReport dir : ctx.report().logDirs()) {
            Map<String, Long> cuts = ctx.plannedEnds(dir);
            for (CheckpointKind kind : KINDS) {
                List<Finding> problems = ctx.problemsOn(dir, kind.fileName());
                Path file = dir.dir().resolve(kind.fileName());
                if (!needsRewrite(ctx, problems)) {
                    if (!cuts.isEmpty()) lowerToCuts(ctx, kind, file, cuts, problems);
                    continue;
                }
                Map<String, Long> old = readableEntries(file, kind);
                Map<String, PartitionsOnDisk.Partition> parts = PartitionsOnDisk.of(dir, cuts);
                Provenance why = Provenance.of(kind.fileName() + " cannot be read as Kafka reads it ("
                        + problems.get(0).code().id() + "); rebuild it from the partitions on disk"
                        + (old.isEmpty() ? "" : ", keeping the " + old.size() + " old entries that still parse"));
                List<OffsetEntry> entries = new ArrayList<>();
                for (PartitionsOnDisk.Partition p : parts.values()) {
                    String tp = p.topic() + "-" + p.partition();
                    // the check's log end for such a partition is the one Kafka would restart at, past the files
                    Long was = beyondEnd(problems, tp) ? null : old.get(tp);
                    Choice c = choose(kind, p, was);
                    if (c == null) continue;
                    entries.add(new OffsetEntry(p.topic(), p.partition(), c.value()));
                    why = why.with(tp + "=" + c.value(), c.rule());
                }
                String cost = entries.isEmpty() && parts.isEmpty() ? " (the dir holds no partition: the empty checkpoint 0/0 is exact)" : "";
                ctx.add(PlanContext.step(new RepairAction.WriteFile(file, CheckpointWriter.writeOffsets(entries), why),
                        "rewrite " + kind.fileName() + " with " + entries.size() + " entries" + cost, problems));
            }
        }
    }

    /**
     * An error Kafka cannot read past, or a flaw in the file's own text that Kafka reads its own way (a cut last line,
     * a duplicate, a NUL in a topic name, a bad number that makes it drop the whole file). Cross-file warnings alone
     * (a high watermark past the log end) are evidence for a person and do not start a rewrite.
     */
    private static boolean needsRewrite(PlanContext ctx, List<Finding> problems) {
        return ctx.hasError(problems) || problems.stream().anyMatch(f -> TEXT_FLAWS.contains(f.code()));
    }

    private static final Set<FindingCode> TEXT_FLAWS = Set.of(CheckpointCodes.TRUNCATED, CheckpointCodes.DUPLICATE_ENTRY,
            CheckpointCodes.NULL_IN_TOPIC, CheckpointCodes.BAD_NUMBER);

    /**
     * A readable checkpoint whose entries for partitions a segment cut shortens lie past the new log end: every entry
     * is kept, those past the cut are lowered to it (a high watermark above the log end would claim acknowledged
     * records that the cut gave up; Kafka would only clamp it after a warning).
     */
    private static void lowerToCuts(PlanContext ctx, CheckpointKind kind, Path file, Map<String, Long> cuts,
                                    List<Finding> problems) throws IOException {
        if (!Files.isRegularFile(file)) return;
        Parsed<OffsetCheckpoint> p = CheckpointParser.parseOffsets(kind.fileName(), BoundedRead.read(file, MAX_BYTES).bytes(), kind);
        if (p.model() == null) return;
        List<OffsetEntry> entries = new ArrayList<>();
        List<String> lowered = new ArrayList<>();
        Provenance why = Provenance.of(kind.fileName() + " names offsets past the log end that a segment cut of this plan"
                + " leaves; lower them to that end, keeping every other entry");
        for (OffsetEntry e : p.model().entries()) {
            String tp = e.topic() + "-" + e.partition();
            Long cut = cuts.get(tp);
            if (cut != null && e.offset() > cut) {
                entries.add(new OffsetEntry(e.topic(), e.partition(), cut));
                lowered.add(tp);
                why = why.with(tp + "=" + cut, "min(old value " + e.offset() + ", log end " + cut + " after the cut)");
            } else {
                entries.add(e);
            }
        }
        if (lowered.isEmpty()) return;
        List<Finding> resolves = problems.stream().filter(f -> lowered.stream().anyMatch(tp -> f.message().startsWith(tp + " "))).toList();
        ctx.add(PlanContext.step(new RepairAction.WriteFile(file, CheckpointWriter.writeOffsets(entries), why),
                "lower " + String.join(", ", lowered) + " in " + kind.fileName() + " to the log end the segment cut leaves", resolves));
    }

    record Choice(long value, String rule) {
    }

    private static Choice choose(CheckpointKind kind, PartitionsOnDisk.Partition p, Long was) {
        long start = p.logStart();
        long end = p.logEnd();
        return switch (kind) {
            case REPLICATION_OFFSET -> was != null && was >= start
                    ? new Choice(Math.min(was, end), "min(old high watermark " + was + ", log end " + end + "): exposes nothing that was never committed")
                    : new Choice(start, "log start offset " + start + ": no readable high watermark; records above it stay hidden until the leader's high watermark advances again as replicas fetch");
            case RECOVERY_POINT -> was != null && was >= p.firstBase() && was <= end
                    ? new Choice(was, "old recovery point, within the log")
                    : new Choice(p.firstBase(), "first segment base " + p.firstBase() + ": Kafka re-validates every segment of the partition at startup");
            case LOG_START_OFFSET -> was != null && was >= p.firstBase() && was <= end
                    ? new Choice(was, "old log start offset, within [first segment base " + p.firstBase() + ", log end " + end + "]")
                    : new Choice(p.firstBase(), "first segment base " + p.firstBase() + ": never beyond it, since Kafka deletes every segment below the log start");
            case CLEANER_OFFSET -> was == null ? null
                    : new Choice(Math.max(p.firstBase(), Math.min(was, end)), "old cleaner offset clamped to the log; unreadable entries dropped (the cleaner starts those partitions from the log start)");
            default -> throw new IllegalArgumentException(kind.toString());
        };
    }

    /** Whether the check found {@code tp}'s log start offset past the end of its files. */
    private static boolean beyondEnd(List<Finding> problems, String tp) {
        return problems.stream().anyMatch(f -> f.code().equals(PartitionCodes.LOG_START_BEYOND_LOG_END)
                && f.message().startsWith(tp + " log start offset "));
    }

    private static Map<String, Long> readableEntries(Path file, CheckpointKind kind) throws IOException {
        Map<String, Long> out = new HashMap<>();
        if (!Files.isRegularFile(file)) return out;
        byte[] bytes = BoundedRead.read(file, MAX_BYTES).bytes();
        Parsed<OffsetCheckpoint> p = CheckpointParser.parseOffsets(kind.fileName(), bytes, kind);
        if (p.model() == null) return out;
        for (OffsetEntry e : p.model().entries()) {
            if (e.offset() >= 0 && e.topic().chars().noneMatch(c -> c == 0)) out.put(e.topic() + "-" + e.partition(), e.offset());
        }
        return out;
    }
}
