package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.analysis.PartitionCodes;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.format.checkpoint.CheckpointWriter;
import dev.kfsck.core.format.checkpoint.EpochEntry;
import dev.kfsck.core.format.segment.EpochTransitions;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentScan;
import dev.kfsck.core.format.segment.SegmentScanner;
import dev.kfsck.core.repair.Provenance;
import dev.kfsck.core.repair.RepairAction;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rebuilds a damaged or wrong {@code leader-epoch-checkpoint} (of a data partition or of the metadata log) from the
 * epochs actually carried by the batches: for each rise of the partition leader epoch, the epoch and the first
 * offset written in it.
 */
final class LeaderEpochPlanner implements Planner {

    static final String FILE = "leader-epoch-checkpoint";

    @Override
    public void plan(PlanContext ctx) throws IOException {
        for (LogDirReport dir : ctx.report().logDirs()) {
            Set<String> folders = new HashSet<>();
            for (Finding f : ctx.allFindings(dir)) {
                String file = f.location().file();
                if (file.endsWith("/" + FILE)) folders.add(file.substring(0, file.length() - FILE.length() - 1));
            }
            for (String folder : new java.util.TreeSet<>(folders)) {
                String rel = folder + "/" + FILE;
                List<Finding> problems = ctx.problemsOn(dir, rel);
                // a missing cache is only INFO (Kafka starts it empty), but its epochs are lost unless rebuilt
                ctx.allFindings(dir).stream().filter(f -> f.code().equals(PartitionCodes.LEC_MISSING) && f.location().file().equals(rel)
                        && ctx.options().wants(f.code().id())).forEach(problems::add);
                if (problems.isEmpty()) continue;
                Path partition = dir.dir().resolve(folder);
                Rebuilt r = rebuild(partition, folder);
                Provenance why = Provenance.of("the epoch cache is missing, disagrees with the batches or cannot be read ("
                        + problems.get(0).code().id() + "); rebuild it from the partition leader epochs in the batches");
                for (int i = 0; i < r.entries().size(); i++) {
                    EpochEntry e = r.entries().get(i);
                    why = why.with("epoch " + e.epoch() + " from offset " + e.startOffset(), r.sources().get(i));
                }
                ctx.add(PlanContext.step(new RepairAction.WriteFile(partition.resolve(FILE), CheckpointWriter.writeEpochs(r.entries()), why),
                        "rewrite " + rel + " with " + r.entries().size() + " entries from the batches", problems));
            }
        }
    }

    record Rebuilt(List<EpochEntry> entries, List<String> sources) {
    }

    /** Epoch rises across the valid prefix of every segment, in offset order. */
    static Rebuilt rebuild(Path partition, String folder) throws IOException {
        TreeMap<Long, Path> segments = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(partition, "*.log")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.length() == 24) segments.put(Long.parseLong(n.substring(0, 20)), p);
            }
        }
        List<EpochEntry> entries = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        int latest = -1;
        for (Path seg : segments.values()) {
            String rel = folder + "/" + seg.getFileName();
            SegmentScan scan = SegmentScanner.scan(seg, rel, ScanOptions.headersOnly().withResync(false));
            EpochTransitions t = scan.epochs();
            for (int i = 0; i < t.size(); i++) {
                if (t.startOffset(i) >= scan.nextOffset()) break;
                if (t.epoch(i) > latest) {
                    latest = t.epoch(i);
                    entries.add(new EpochEntry(t.epoch(i), t.startOffset(i)));
                    sources.add(rel + ": first batch with partitionLeaderEpoch " + t.epoch(i));
                }
            }
            if (scan.nextOffset() < scan.fileBaseOffset() || !scan.holes().isEmpty()) break;
        }
        return new Rebuilt(entries, sources);
    }
}
