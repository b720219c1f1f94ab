package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirLayout;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.format.metadata.MetadataLog;
import dev.kfsck.core.format.metadata.MetadataLogReader;
import dev.kfsck.core.format.metadata.MetadataSnapshot;
import dev.kfsck.core.format.metadata.MetadataSnapshotFile;
import dev.kfsck.core.format.metadata.SnapshotId;
import dev.kfsck.core.format.metadata.SnapshotName;
import dev.kfsck.core.repair.Provenance;
import dev.kfsck.core.repair.RepairAction;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A damaged newest metadata snapshot (the only one Kafka reads at startup) is moved out of the log dir when an older
 * intact snapshot plus the metadata log after it still cover every offset the damaged one held: Kafka then loads the
 * older snapshot and replays the log. Otherwise it is left for a person, with everything known: the snapshots and
 * which are intact, the offsets the log holds, and which other checked dir holds an intact copy of the same file.
 * A {@code .checkpoint} file whose name Kafka cannot parse is moved out too.
 */
final class SnapshotPlanner implements Planner {

    private static final Pattern SNAPSHOT = Pattern.compile("^" + LogDirLayout.METADATA_DIR + "/\\d{20}-\\d{10}\\.checkpoint$");

    @Override
    public void plan(PlanContext ctx) throws IOException {
        for (LogDirReport dir : ctx.report().logDirs()) {
            moveOutUnparsableNames(ctx, dir);
            Map<String, List<Finding>> byFile = new TreeMap<>();
            for (Finding f : ctx.allFindings(dir)) {
                if (f.severity() != Severity.ERROR || !ctx.options().wants(f.code().id())) continue;
                if (!SNAPSHOT.matcher(f.location().file()).matches()) continue;
                if (!f.code().id().startsWith("SNAP-") && !f.code().id().startsWith("XFILE-SNAP-LATEST")) continue;
                byFile.computeIfAbsent(f.location().file(), k -> new ArrayList<>()).add(f);
            }
            if (byFile.isEmpty()) continue;
            Path md = dir.dir().resolve(LogDirLayout.METADATA_DIR);
            TreeMap<SnapshotId, Path> snapshots = snapshots(md);
            for (var e : byFile.entrySet()) plan(ctx, dir, md, snapshots, e.getKey(), e.getValue());
        }
    }

    private void plan(PlanContext ctx, LogDirReport dir, Path md, TreeMap<SnapshotId, Path> snapshots, String rel,
                      List<Finding> problems) throws IOException {
        Path file = dir.dir().resolve(rel);
        SnapshotId id = SnapshotName.parse(file.getFileName().toString()).id().orElse(null);
        if (id == null || snapshots.isEmpty()) return;
        if (!id.equals(snapshots.lastKey())) {
            problems.forEach(f -> ctx.cannot(f, "an older snapshot: Kafka reads only the newest one (" + snapshots.lastKey()
                    + ") at startup and deletes older ones as the log advances; left as it is"));
            return;
        }
        List<String> known = new ArrayList<>();
        SnapshotId base = null;
        for (SnapshotId older : snapshots.headMap(id, false).descendingKeySet()) {
            Parsed<MetadataSnapshot> p = MetadataSnapshotFile.read(LogDirLayout.METADATA_DIR + "/" + older.fileName(), snapshots.get(older));
            boolean intact = p.model() != null && p.model().intact();
            known.add("snapshot " + older + (intact ? " intact" : " damaged"));
            if (intact && base == null) base = older;
        }
        Parsed<MetadataLog> log = MetadataLogReader.read(md, LogDirLayout.METADATA_DIR);
        MetadataLog m = log.model();
        if (m != null) known.add("the metadata log holds offsets " + m.firstOffset() + ".." + (m.nextOffset() - 1));
        boolean covered = base != null && m != null && m.firstOffset() <= base.endOffset() && m.nextOffset() >= id.endOffset();
        if (covered) {
            Path dest = Outside.movedOut(ctx.options(), dir.dir(), rel);
            Provenance why = Provenance.of("the newest metadata snapshot is damaged and Kafka reads it at startup; an older intact snapshot"
                            + " and the log after it cover every offset it held, so Kafka rebuilds the same metadata without it")
                    .with("older snapshot " + base, LogDirLayout.METADATA_DIR + "/" + base.fileName() + ": every batch and CRC verify")
                    .with("log offsets " + m.firstOffset() + ".." + (m.nextOffset() - 1), "the metadata log segments (" + String.join(", ", m.segments())
                            + "), reaching past the damaged snapshot's end offset " + id.endOffset())
                    .with("destination=" + dest, "outside every log dir");
            ctx.add(PlanContext.step(new RepairAction.MoveOut(file, dest, why),
                    "move the damaged newest snapshot " + rel + " out to " + dest + "; Kafka loads " + base + " and replays the log", problems));
            return;
        }
        for (LogDirReport other : ctx.report().logDirs()) {
            Path copy = other.dir().resolve(rel);
            if (other == dir || !Files.isRegularFile(copy)) continue;
            Parsed<MetadataSnapshot> p = MetadataSnapshotFile.read(rel, copy);
            if (p.model() != null && p.model().intact()) known.add(copy + " is an intact copy of the same snapshot (copy it over this one)");
        }
        String reason = "needs a person: the newest snapshot " + id + " is damaged and "
                + (base == null ? "no older snapshot is intact" : "the log does not reach from " + base + " to offset " + id.endOffset())
                + "; " + String.join("; ", known)
                + "; restore the file from another controller (the same name), or, on a follower, move the metadata dir aside and let the leader send a snapshot";
        problems.forEach(f -> ctx.cannot(f, reason));
    }

    /**
     * Kafka parses the name of every {@code *.checkpoint} in the metadata dir at startup and exits on one it cannot
     * read, so such a file (a person's backup copy, say) is of no use in place: it is moved out, content and all.
     */
    private static void moveOutUnparsableNames(PlanContext ctx, LogDirReport dir) {
        for (Finding f : ctx.allFindings(dir)) {
            if (!f.code().id().equals("SNAP-NAME-UNPARSABLE") || !ctx.options().wants(f.code().id())) continue;
            String rel = f.location().file();
            Path dest = Outside.movedOut(ctx.options(), dir.dir(), rel);
            Provenance why = Provenance.of("Kafka exits at startup on a .checkpoint file in the metadata dir whose name is not "
                            + "<end offset>-<epoch>; moving it out keeps its content")
                    .with("destination=" + dest, "outside every log dir");
            ctx.add(PlanContext.step(new RepairAction.MoveOut(dir.dir().resolve(rel), dest, why),
                    "move " + rel + " out of the metadata dir to " + dest + " (Kafka cannot parse its name)", List.of(f)));
        }
    }

    static TreeMap<SnapshotId, Path> snapshots(Path md) throws IOException {
        TreeMap<SnapshotId, Path> out = new TreeMap<>(SnapshotId.KAFKA_ORDER);
        if (!Files.isDirectory(md)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(md, "*.checkpoint")) {
            for (Path p : ds) {
                SnapshotName n = SnapshotName.parse(p.getFileName().toString());
                if (n.kind() == SnapshotName.Kind.SNAPSHOT && n.id().isPresent() && Files.isRegularFile(p)) out.put(n.id().get(), p);
            }
        }
        return out;
    }
}
