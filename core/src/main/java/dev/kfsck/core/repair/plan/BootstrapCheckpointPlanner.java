package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirLayout;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.metadata.MetadataLog;
import dev.kfsck.core.format.metadata.MetadataLogReader;
import dev.kfsck.core.format.metadata.MetadataSnapshot;
import dev.kfsck.core.format.metadata.MetadataSnapshotFile;
import dev.kfsck.core.format.metadata.SnapshotId;
import dev.kfsck.core.repair.Provenance;
import dev.kfsck.core.repair.RepairAction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A damaged {@code bootstrap.checkpoint} on an initialised node is deleted. Kafka reads the file at every startup and
 * fails on bad bytes, but uses its records only while the metadata log is empty (the first start); a missing file is
 * no error. The node is initialised when its own {@code __cluster_metadata-0} holds a valid batch or an intact
 * snapshot past offset 0. On a node never started, the file is the only record of the formatted features: it is left
 * for {@code kafka-storage format}.
 */
final class BootstrapCheckpointPlanner implements Planner {

    static final String FILE = LogDirLayout.BOOTSTRAP_CHECKPOINT;

    @Override
    public void plan(PlanContext ctx) throws IOException {
        for (LogDirReport dir : ctx.report().logDirs()) {
            List<Finding> problems = ctx.problemsOn(dir, FILE).stream().filter(f -> f.code().id().startsWith("BOOT-")).toList();
            if (problems.isEmpty()) continue;
            String initialised = initialised(dir.dir());
            if (initialised == null) {
                String reason = "the node looks never started (" + LogDirLayout.METADATA_DIR + " in this dir holds no valid batch and no"
                        + " snapshot), so Kafka would bootstrap the cluster from this file: re-run kafka-storage format";
                problems.forEach(f -> ctx.cannot(f, reason));
                continue;
            }
            Provenance why = Provenance.of("Kafka reads bootstrap.checkpoint at every startup but uses it only while the metadata log is"
                            + " empty; without the file it starts as it would with an intact one")
                    .with("initialised", initialised);
            ctx.add(PlanContext.step(new RepairAction.DeleteFile(dir.dir().resolve(FILE), why),
                    "delete the damaged " + FILE + " (used only on a node's first start)", problems));
        }
    }

    /** What shows that the node has started before, or null. */
    static String initialised(Path logDir) throws IOException {
        Path md = logDir.resolve(LogDirLayout.METADATA_DIR);
        if (!Files.isDirectory(md)) return null;
        Parsed<MetadataLog> log = MetadataLogReader.read(md, LogDirLayout.METADATA_DIR);
        MetadataLog m = log.model();
        if (m != null && m.firstOffset() >= 0 && m.nextOffset() > m.firstOffset()) {
            return LogDirLayout.METADATA_DIR + " holds offsets " + m.firstOffset() + ".." + (m.nextOffset() - 1);
        }
        for (Map.Entry<SnapshotId, Path> e : SnapshotPlanner.snapshots(md).descendingMap().entrySet()) {
            if (e.getKey().endOffset() <= 0) continue;
            String rel = LogDirLayout.METADATA_DIR + "/" + e.getKey().fileName();
            Parsed<MetadataSnapshot> p = MetadataSnapshotFile.read(rel, e.getValue());
            if (p.model() != null && p.model().intact()) return "the intact snapshot " + rel;
        }
        return null;
    }
}
