package dev.kfsck.testdata.corrupt;

import dev.kfsck.testdata.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The named corruptions, each a deterministic damage to one file of a COPY of a fixture's log dir (never the
 * committed fixture), each modelling a real-world cause. {@link #apply(Path)} returns exactly which file, offset and
 * length it touched, so a test can expect a finding there. The table in {@code testdata/README.md} lists them.
 *
 * <p>"The data partition" is {@code orders-0} where it exists, else the first non-internal partition with data
 * ({@link Targets#dataPartition}).
 */
public enum Corruption {

    /** quorum-state all zeros, same length: power loss after the size reached the journal but not the data (ext4 delalloc). */
    QS_NULL_FILL("power loss: size journaled, data blocks never written (zeros)",
            d -> Damage.nullFillFile(d, Targets.QUORUM_STATE)),

    /**
     * quorum-state rewritten as a never-started node's state: clusterId "" (data_version 0 only), leaderEpoch 0,
     * leaderId -1, votedId -1
     * (the file deleted by hand and re-created, or copied from a freshly formatted node).
     */
    QS_EMPTY_CLUSTER_ID_EPOCH_0("quorum-state replaced by a fresh node's (hand edit, copy from a new node)", d -> {
        if (Files.readString(d.resolve(Targets.QUORUM_STATE)).contains("\"clusterId\"")) {
            // data_version 0 only; version 1 has no clusterId field
            Damage.replaceJsonField(d, Targets.QUORUM_STATE, "clusterId", "\"\"");
        }
        Damage.replaceJsonField(d, Targets.QUORUM_STATE, "leaderId", "-1");
        Damage.replaceJsonField(d, Targets.QUORUM_STATE, "votedId", "-1");
        Applied last = Damage.replaceJsonField(d, Targets.QUORUM_STATE, "leaderEpoch", "0");
        // Several fields changed: report the whole (rewritten) file.
        return new Applied(last.name(), Applied.Kind.REWRITE, last.file(), last.path(), 0, Damage.size(last.path()),
                "rewrote " + last.file() + " as a never-started node's state: leaderEpoch 0, leaderId -1, votedId -1"
                        + " (clusterId \"\" where the format has it)");
    }),

    /** quorum-state leaderEpoch set to 1,000,000: a state file from another cluster or a hand edit. */
    QS_EPOCH_FAR_AHEAD("quorum-state from another cluster or hand-edited: epoch far beyond the log's",
            d -> Damage.replaceJsonField(d, Targets.QUORUM_STATE, "leaderEpoch", "1000000")),

    /**
     * quorum-state leaderEpoch set one below the latest epoch of the metadata log's leader-epoch-checkpoint (0 at
     * least): an old backup of quorum-state restored over a newer log.
     */
    QS_EPOCH_BELOW_LOG("an old quorum-state restored from backup over a newer metadata log", d -> {
        int logEpoch = latestEpoch(d.resolve("__cluster_metadata-0/leader-epoch-checkpoint"));
        return Damage.replaceJsonField(d, Targets.QUORUM_STATE, "leaderEpoch", Integer.toString(Math.max(0, logEpoch - 1)));
    }),

    /** quorum-state cut at half its length: a torn write on a filesystem without atomic rename semantics. */
    QS_TRUNCATED("torn write: the file cut short by a crash",
            d -> Damage.truncateAt(d, Targets.QUORUM_STATE, Damage.size(d.resolve(Targets.QUORUM_STATE)) / 2)),

    /** replication-offset-checkpoint all zeros (high watermarks lost to a crash); the broker takes the dir offline. */
    REPL_CKPT_NULL_FILL("power loss while the 5 s high-watermark checkpoint was being replaced",
            d -> Damage.nullFillFile(d, "replication-offset-checkpoint")),

    /** recovery-point-offset-checkpoint's count line (line 2) says one entry more than the file has. */
    RECOVERY_CKPT_COUNT_MISMATCH("a truncated or hand-edited checkpoint: entry count disagrees with the entries", d -> {
        String file = "recovery-point-offset-checkpoint";
        int count = Integer.parseInt(Files.readAllLines(d.resolve(file)).get(1).trim());
        return Damage.replaceLine(d, file, 1, Integer.toString(count + 1));
    }),

    /**
     * log-start-offset-checkpoint gets an entry for the data partition 1000 past its end offset (a checkpoint from a
     * later incarnation of the partition, e.g. a restored backup of the log dir's files mixed with older segments).
     */
    LSO_BEYOND_END("files from two incarnations mixed: log start offset past the log's end", d -> {
        String file = "log-start-offset-checkpoint";
        String partition = Targets.dataPartition(d);
        long end = endOffset(d, partition);
        int dash = partition.lastIndexOf('-');
        String entry = partition.substring(0, dash) + " " + partition.substring(dash + 1) + " " + (end + 1000);
        int count = Integer.parseInt(Files.readAllLines(d.resolve(file)).get(1).trim());
        Damage.replaceLine(d, file, 1, Integer.toString(count + 1));
        return Damage.appendLine(d, file, entry);
    }),

    /** The data partition's leader-epoch-checkpoint all zeros. */
    LEC_NULL_FILL("power loss while the leader epoch cache was being flushed",
            d -> Damage.nullFillFile(d, Targets.dataPartition(d) + "/leader-epoch-checkpoint")),

    /** __cluster_metadata-0/leader-epoch-checkpoint all zeros. */
    META_LEC_NULL_FILL("power loss while the metadata log's epoch cache was being flushed",
            d -> Damage.nullFillFile(d, "__cluster_metadata-0/leader-epoch-checkpoint")),

    /** The data partition's partition.metadata (topic id) removed: a hand clean-up or an incomplete copy. */
    PM_REMOVED("hand clean-up or an incomplete copy of the partition folder",
            d -> Damage.remove(d, Targets.dataPartition(d) + "/partition.metadata")),

    /** The data partition's partition.metadata all zeros. */
    PM_NULL_FILL("power loss right after the partition was created",
            d -> Damage.nullFillFile(d, Targets.dataPartition(d) + "/partition.metadata")),

    /** The log dir's meta.properties all zeros: the node cannot tell its cluster, node id or directory id. */
    META_PROPS_NULL_FILL("power loss right after formatting or a disk replaced under a live broker",
            d -> Damage.nullFillFile(d, "meta.properties")),

    /**
     * One bit flipped in the middle of the records of the middle batch of the data partition's first segment: silent
     * media corruption (bit rot); the batch's CRC no longer matches.
     */
    SEG_CRC_FLIP_MIDDLE("bit rot / silent media corruption inside a batch", d -> {
        String seg = Targets.firstSegment(d, Targets.dataPartition(d));
        Targets.Batch b = Targets.middleBatch(d.resolve(seg));
        long offset = b.position() + Targets.BATCH_HEADER + (b.size() - Targets.BATCH_HEADER) / 2;
        Applied a = Damage.flipBit(d, seg, offset, 3);
        return withDetail(a, " (inside the records of the batch at position " + b.position() + ", base offset "
                + b.baseOffset() + ")");
    }),

    /** 4096 zero bytes appended to the data partition's active segment: a crash after the file grew (XFS, preallocation). */
    SEG_ZERO_TAIL("crash after the file size grew but before the data reached the disk",
            d -> Damage.zeroTail(d, Targets.activeSegment(d, Targets.dataPartition(d)), 4096)),

    /** The data partition's active segment cut 20 bytes into its last batch: a torn append. */
    SEG_TRUNCATED_TAIL("torn append: the last batch only partly written", d -> {
        String seg = Targets.activeSegment(d, Targets.dataPartition(d));
        var batches = Targets.batches(d.resolve(seg));
        Targets.Batch last = batches.get(batches.size() - 1);
        return withDetail(Damage.truncateAt(d, seg, last.position() + 20),
                " (20 bytes into the last batch, base offset " + last.baseOffset() + ")");
    }),

    /** The offset index of the data partition's first segment overwritten with seeded garbage: non-monotonic entries. */
    INDEX_GARBAGE("index from another segment or disk corruption: entries out of order / out of range", d -> {
        String idx = Targets.sibling(Targets.firstSegment(d, Targets.dataPartition(d)), ".index");
        long size = Damage.size(d.resolve(idx));
        long length = size > 0 ? size : 64;
        return Damage.garbage(d, idx, 0, length, 42);
    }),

    /** One bit flipped in the middle of the data partition's first producer-state .snapshot (after its CRC field). */
    PRODUCER_SNAPSHOT_CRC_FLIP("bit rot in a producer state snapshot", d -> {
        String snap = Targets.firstWithSuffix(d, Targets.dataPartition(d), ".snapshot");
        long size = Damage.size(d.resolve(snap));
        return Damage.flipBit(d, snap, 6 + (size - 6) / 2, 0);
    }),

    /** A folder {@code <data partition>.bak} (a hand-made backup copy) added to the log dir; not topic-partition form. */
    STRAY_FOLDER("an operator's backup copy left in the log dir",
            d -> Damage.addFolder(d, Targets.dataPartition(d) + ".bak")),

    /** One bit flipped in the records of the middle batch of the latest metadata snapshot. */
    SNAPSHOT_CRC_FLIP("bit rot in the latest metadata snapshot", d -> {
        String snap = Targets.latestMetadataSnapshot(d);
        Targets.Batch b = Targets.middleBatch(d.resolve(snap));
        long offset = b.position() + Targets.BATCH_HEADER + (b.size() - Targets.BATCH_HEADER) / 2;
        return withDetail(Damage.flipBit(d, snap, offset, 3), " (inside the records of the batch at position "
                + b.position() + ", base offset " + b.baseOffset() + ")");
    });


    private final String cause;
    private final Op op;

    Corruption(String cause, Op op) {
        this.cause = cause;
        this.op = op;
    }

    @FunctionalInterface
    private interface Op {
        Applied apply(Path logDir) throws Exception;
    }

    /** The real-world cause this corruption models. */
    public String cause() {
        return cause;
    }

    /** Applies it to a log dir of a COPY; returns what it touched. */
    public Applied apply(Path logDir) {
        try {
            Applied a = op.apply(logDir);
            return a.named(name());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(name() + " on " + logDir, e);
        }
    }

    /** Applies it to the first node's log dir of a copy made by {@code Fixtures.copy(scenario, copyRoot)}. */
    public Applied apply(Manifest manifest, Path copyRoot) {
        return apply(copyRoot.resolve(manifest.firstNode().logDir()));
    }

    private static Applied withDetail(Applied a, String detail) {
        return new Applied(a.name(), a.kind(), a.file(), a.path(), a.offset(), a.length(), a.description() + detail);
    }

    private static int latestEpoch(Path leaderEpochCheckpoint) throws Exception {
        var lines = Files.readAllLines(leaderEpochCheckpoint);
        int epoch = 0;
        for (int i = 2; i < lines.size(); i++) {
            String[] parts = lines.get(i).trim().split("\\s+");
            if (parts.length == 2) {
                epoch = Math.max(epoch, Integer.parseInt(parts[0]));
            }
        }
        return epoch;
    }

    /** End offset of a partition from the recovery-point checkpoint's neighbour: the active segment's last batch. */
    private static long endOffset(Path logDir, String partition) {
        var batches = Targets.batches(logDir.resolve(Targets.activeSegment(logDir, partition)));
        if (batches.isEmpty()) {
            Matcher m = Pattern.compile("([0-9]{20})\\.log$").matcher(Targets.activeSegment(logDir, partition));
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }
        Targets.Batch last = batches.get(batches.size() - 1);
        // last offset delta is at byte 23 of the batch
        long lastOffsetDelta = java.nio.ByteBuffer.wrap(Damage.readAt(logDir.resolve(
                Targets.activeSegment(logDir, partition)), last.position() + 23, 4)).getInt();
        return last.baseOffset() + lastOffsetDelta + 1;
    }
}
