package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.checkpoint.CheckpointKind;
import dev.kfsck.core.format.checkpoint.CheckpointParser;
import dev.kfsck.core.format.checkpoint.OffsetCheckpoint;
import dev.kfsck.core.format.metadata.ClusterMetadata;
import dev.kfsck.core.format.metadata.MetadataImageBuilder;
import dev.kfsck.core.format.properties.MetaPropertiesFile;
import dev.kfsck.core.format.properties.MetaPropertiesParser;
import dev.kfsck.core.io.BoundedRead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What the partition pass needs from outside the partition folders: the root offset checkpoints, the metadata image
 * and this node's id. Taken from the context when an earlier pass left them there; otherwise read here, quietly
 * (the passes that own those files report their damage).
 *
 * @param offsets  the root offset checkpoints
 * @param image    the metadata image, or null when this dir holds no readable metadata log
 * @param nodeId   meta.properties node.id, when readable
 */
record PartitionInputs(RootOffsets offsets, ClusterMetadata image, OptionalInt nodeId) {

    /** The checkpoints are small text files; a bigger one is not a checkpoint Kafka wrote. */
    private static final int CHECKPOINT_LIMIT = 64 << 20;

    private static final List<CheckpointKind> ROOT_KINDS = List.of(CheckpointKind.REPLICATION_OFFSET,
            CheckpointKind.RECOVERY_POINT, CheckpointKind.LOG_START_OFFSET, CheckpointKind.CLEANER_OFFSET);

    static PartitionInputs from(LogDirContext ctx) {
        return new PartitionInputs(readOffsets(ctx), readImage(ctx), readNodeId(ctx));
    }

    private static RootOffsets readOffsets(LogDirContext ctx) {
        Map<CheckpointKind, OffsetCheckpoint> files = new EnumMap<>(CheckpointKind.class);
        Map<CheckpointKind, byte[]> bytes = new EnumMap<>(CheckpointKind.class);
        for (CheckpointKind kind : ROOT_KINDS) {
            Path p = ctx.dir().resolve(kind.fileName());
            if (!ctx.layout().hasRootFile(kind.fileName()) || !Files.isRegularFile(p)) continue;
            try {
                BoundedRead.Result r = BoundedRead.read(p, CHECKPOINT_LIMIT);
                files.put(kind, CheckpointParser.parseOffsets(kind.fileName(), r.bytes(), kind).model());
                bytes.put(kind, r.bytes());
            } catch (IOException e) {
                // unreadable: the root pass reports it; Kafka takes the dir offline, so no entry is used
            }
        }
        return new RootOffsets(files, bytes);
    }

    private static ClusterMetadata readImage(LogDirContext ctx) {
        PartitionDir meta = ctx.layout().metadataPartition().orElse(null);
        if (meta == null) return null;
        try {
            Parsed<ClusterMetadata> built = MetadataImageBuilder.build(meta.path(), ctx.relative(meta.path()));
            return built.model();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static OptionalInt readNodeId(LogDirContext ctx) {
        Facts.Identity id = ctx.get(Facts.IDENTITY);
        if (id != null && id.nodeId() != null) return OptionalInt.of(id.nodeId());
        Path p = ctx.dir().resolve(LogDirLayout.META_PROPERTIES);
        if (!Files.isRegularFile(p)) return OptionalInt.empty();
        try {
            MetaPropertiesFile m = MetaPropertiesParser.parse(LogDirLayout.META_PROPERTIES,
                    BoundedRead.read(p, MetaPropertiesParser.MAX_BYTES).bytes()).model();
            return m == null ? OptionalInt.empty() : m.nodeId();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }
}
