package dev.kfsck.core.analysis;

import dev.kfsck.core.format.checkpoint.CheckpointKind;
import dev.kfsck.core.format.checkpoint.CheckpointParser;
import dev.kfsck.core.format.checkpoint.OffsetCheckpoint;
import dev.kfsck.core.format.metadata.ClusterMetadata;
import dev.kfsck.core.io.BoundedRead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What the partition pass needs from outside the partition folders: the root offset checkpoints
 * ({@link RootFilesPass#CHECKPOINTS}), the metadata image ({@link MetadataLogPass#IMAGE}) and this node's id
 * ({@link Facts#IDENTITY}), as the earlier passes left them. When the pass runs without them, the checkpoints are
 * read here, quietly (their own damage is the root pass's to report), and the image and node id are unknown.
 *
 * @param offsets  the root offset checkpoints
 * @param image    the metadata image, or null when this dir holds no readable metadata log
 * @param nodeId   meta.properties node.id, when readable
 */
record PartitionInputs(RootOffsets offsets, ClusterMetadata image, OptionalInt nodeId) {

    /** The checkpoints are small text files; a bigger one is not a checkpoint Kafka wrote. */
    static final int CHECKPOINT_LIMIT = 64 << 20;

    private static final List<CheckpointKind> ROOT_KINDS = List.of(CheckpointKind.REPLICATION_OFFSET,
            CheckpointKind.RECOVERY_POINT, CheckpointKind.LOG_START_OFFSET, CheckpointKind.CLEANER_OFFSET);

    static PartitionInputs from(LogDirContext ctx) {
        Map<CheckpointKind, OffsetCheckpoint> parsed = ctx.get(RootFilesPass.CHECKPOINTS);
        RootOffsets offsets = new RootOffsets(parsed != null ? parsed : readOffsets(ctx), ctx.dir());
        Facts.Identity id = ctx.get(Facts.IDENTITY);
        OptionalInt node = id != null && id.nodeId() != null ? OptionalInt.of(id.nodeId()) : OptionalInt.empty();
        return new PartitionInputs(offsets, ctx.get(MetadataLogPass.IMAGE), node);
    }

    private static Map<CheckpointKind, OffsetCheckpoint> readOffsets(LogDirContext ctx) {
        Map<CheckpointKind, OffsetCheckpoint> files = new EnumMap<>(CheckpointKind.class);
        for (CheckpointKind kind : ROOT_KINDS) {
            Path p = ctx.dir().resolve(kind.fileName());
            if (!ctx.layout().hasRootFile(kind.fileName()) || !Files.isRegularFile(p)) continue;
            try {
                BoundedRead.Result r = BoundedRead.read(p, CHECKPOINT_LIMIT);
                files.put(kind, CheckpointParser.parseOffsets(kind.fileName(), r.bytes(), kind).model());
            } catch (IOException e) {
                // unreadable: Kafka takes the dir offline, so no entry is used
            }
        }
        return files;
    }
}
