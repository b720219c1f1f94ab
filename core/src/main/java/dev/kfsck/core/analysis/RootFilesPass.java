package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.checkpoint.CheckpointKind;
import dev.kfsck.core.format.checkpoint.CheckpointParser;
import dev.kfsck.core.format.checkpoint.OffsetCheckpoint;
import dev.kfsck.core.format.metadata.MetadataSnapshot;
import dev.kfsck.core.format.metadata.MetadataSnapshotFile;
import dev.kfsck.core.format.properties.MetaPropertiesFile;
import dev.kfsck.core.format.properties.MetaPropertiesParser;
import dev.kfsck.core.io.BoundedRead;
import dev.kfsck.core.io.LockProbe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Pass 2: the files of the log dir root. meta.properties (the dir's identity), bootstrap.checkpoint, the four offset
 * checkpoints, and whether a running broker holds {@code .lock}.
 */
public final class RootFilesPass implements CheckPass {

    /**
     * The offset checkpoints of the root that exist, parsed, by kind. Each holds the entries that parse and whether
     * Kafka's reader would accept the file ({@link OffsetCheckpoint#kafkaRead()}). A missing file has no entry.
     */
    public static final LogDirContext.Key<Map<CheckpointKind, OffsetCheckpoint>> CHECKPOINTS =
            new LogDirContext.Key<>("root offset checkpoints");

    /** meta.properties as Kafka would read it; absent when the file is missing or Kafka rejects it. */
    public static final LogDirContext.Key<MetaPropertiesFile> META_PROPERTIES = new LogDirContext.Key<>("meta.properties");

    /** bootstrap.checkpoint as read by this pass, for the metadata facts pass; absent when it could not be read. */
    static final LogDirContext.Key<Parsed<MetadataSnapshot>> BOOTSTRAP = new LogDirContext.Key<>("bootstrap.checkpoint");

    /** Small files are read whole; a real checkpoint of 100 000 partitions stays well below this. */
    private static final int MAX_CHECKPOINT_BYTES = 64 << 20;

    static final List<CheckpointKind> ROOT_CHECKPOINTS = List.of(CheckpointKind.RECOVERY_POINT,
            CheckpointKind.LOG_START_OFFSET, CheckpointKind.REPLICATION_OFFSET, CheckpointKind.CLEANER_OFFSET);

    @Override
    public String name() {
        return "root files";
    }

    @Override
    public void run(LogDirContext ctx) {
        PassSteps.run(ctx, LogDirLayout.LOCK, () -> probeLock(ctx));
        PassSteps.run(ctx, LogDirLayout.META_PROPERTIES, () -> readMetaProperties(ctx));
        PassSteps.run(ctx, LogDirLayout.BOOTSTRAP_CHECKPOINT, () -> readBootstrap(ctx));
        Map<CheckpointKind, OffsetCheckpoint> parsed = new EnumMap<>(CheckpointKind.class);
        for (CheckpointKind kind : ROOT_CHECKPOINTS) {
            PassSteps.run(ctx, kind.fileName(), () -> readCheckpoint(ctx, kind, parsed));
        }
        ctx.put(CHECKPOINTS, Collections.unmodifiableMap(parsed));
    }

    private static void probeLock(LogDirContext ctx) throws IOException {
        LockProbe.Result lock = LockProbe.probe(ctx.dir());
        if (lock.state() == LockProbe.State.HELD_BY_ANOTHER_PROCESS) {
            String pid = lock.holderPid().isPresent() ? " (pid " + lock.holderPid().getAsLong() + ")" : "";
            ctx.add(LayoutCodes.LOCK_HELD.at(Location.file(LogDirLayout.LOCK),
                    "another process" + pid + " holds .lock: a broker is running on this dir, so its files are "
                            + "changing while kfsck reads them and every finding may be stale",
                    Evidence.of("locked" + pid, "not locked (broker stopped)")));
        }
    }

    private static void readMetaProperties(LogDirContext ctx) throws IOException {
        if (!ctx.layout().hasRootFile(LogDirLayout.META_PROPERTIES)) return; // LayoutPass reports it
        BoundedRead.Result r = BoundedRead.read(ctx.dir().resolve(LogDirLayout.META_PROPERTIES), MetaPropertiesParser.MAX_BYTES);
        Parsed<MetaPropertiesFile> parsed = MetaPropertiesParser.parse(LogDirLayout.META_PROPERTIES, r.bytes());
        ctx.addAll(parsed.findings());
        MetaPropertiesFile m = parsed.model();
        if (m == null) return;
        ctx.put(META_PROPERTIES, m);
        ctx.put(Facts.IDENTITY, new Facts.Identity(
                m.nodeId().isPresent() ? m.nodeId().getAsInt() : null,
                m.clusterId().orElse(null),
                m.directoryId().map(Object::toString).orElse(null)));
    }

    /**
     * Kafka reads bootstrap.checkpoint only from the metadata log dir (and uses it only while the metadata log is
     * empty), but a damaged one is fatal there even on a node that has run for years.
     */
    private static void readBootstrap(LogDirContext ctx) throws IOException {
        if (!ctx.layout().hasRootFile(LogDirLayout.BOOTSTRAP_CHECKPOINT)) return;
        Path p = ctx.dir().resolve(LogDirLayout.BOOTSTRAP_CHECKPOINT);
        Parsed<MetadataSnapshot> parsed = MetadataSnapshotFile.read(LogDirLayout.BOOTSTRAP_CHECKPOINT, p);
        ctx.put(BOOTSTRAP, parsed);
        boolean metadataHere = ctx.layout().metadataPartition().isPresent();
        for (Finding f : parsed.findings()) {
            ctx.add(metadataHere || f.reaction() == KafkaReaction.TOLERATED ? f
                    : new Finding(f.code(), f.severity(), f.reaction(), f.location(), f.message()
                            + " (Kafka reads this file only if this dir is the node's metadata.log.dir)", f.evidence()));
        }
    }

    private static void readCheckpoint(LogDirContext ctx, CheckpointKind kind, Map<CheckpointKind, OffsetCheckpoint> parsed)
            throws IOException {
        if (!ctx.layout().hasRootFile(kind.fileName())) return;
        BoundedRead.Result r = BoundedRead.read(ctx.dir().resolve(kind.fileName()), MAX_CHECKPOINT_BYTES);
        Parsed<OffsetCheckpoint> p = CheckpointParser.parseOffsets(kind.fileName(), r.bytes(), kind);
        ctx.addAll(p.findings());
        if (p.model() != null) parsed.put(kind, p.model());
    }
}
