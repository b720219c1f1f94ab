package dev.kfsck.core.fuzz;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.checkpoint.CheckpointKind;
import dev.kfsck.core.format.checkpoint.CheckpointParser;
import dev.kfsck.core.format.metadata.MetadataImageBuilder;
import dev.kfsck.core.format.metadata.MetadataLogReader;
import dev.kfsck.core.format.metadata.MetadataSnapshotFile;
import dev.kfsck.core.format.properties.MetaPropertiesParser;
import dev.kfsck.core.format.properties.PartitionMetadataParser;
import dev.kfsck.core.format.quorum.QuorumStateParser;
import dev.kfsck.core.format.segment.OffsetIndexView;
import dev.kfsck.core.format.segment.ProducerSnapshot;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentScan;
import dev.kfsck.core.format.segment.SegmentScanner;
import dev.kfsck.core.format.segment.TimeIndexView;
import dev.kfsck.core.format.segment.TxnIndexView;
import dev.kfsck.core.io.ByteWindows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every kind of file kfsck parses, with the public entry point(s) that parse it from bytes. {@link #parse} runs all of
 * a kind's entry points on the same bytes and returns their findings, so a property can hold every parser to the same
 * rules: no exception, bounded time, findings inside the file.
 */
enum FileKind {
    QUORUM_STATE("__cluster_metadata-0/quorum-state"),
    RECOVERY_POINT("recovery-point-offset-checkpoint"),
    REPLICATION_OFFSET("replication-offset-checkpoint"),
    LOG_START_OFFSET("log-start-offset-checkpoint"),
    CLEANER_OFFSET("cleaner-offset-checkpoint"),
    LEADER_EPOCH("orders-0/leader-epoch-checkpoint"),
    METADATA_LEADER_EPOCH("__cluster_metadata-0/leader-epoch-checkpoint"),
    META_PROPERTIES("meta.properties"),
    PARTITION_METADATA("orders-0/partition.metadata"),
    SEGMENT("orders-0/00000000000000000100.log"),
    METADATA_LOG("__cluster_metadata-0/00000000000000000000.log"),
    OFFSET_INDEX("orders-0/00000000000000000100.index"),
    TIME_INDEX("orders-0/00000000000000000100.timeindex"),
    TXN_INDEX("orders-0/00000000000000000100.txnindex"),
    PRODUCER_SNAPSHOT("orders-0/00000000000000000100.snapshot"),
    METADATA_SNAPSHOT("__cluster_metadata-0/00000000000000000153-0000000001.checkpoint"),
    BOOTSTRAP("bootstrap.checkpoint");

    /** A typical path of this kind relative to its log dir, for inputs that come from nowhere. */
    final String samplePath;

    FileKind(String samplePath) {
        this.samplePath = samplePath;
    }

    /** What one entry point returned: the model (or scan), and its findings about the file. */
    record Outcome(String entryPoint, Object model, List<Finding> findings) {
    }

    /** The kind of a file by its path relative to the log dir, or null when kfsck has no parser for it. */
    static FileKind of(String rel) {
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        boolean metadataDir = rel.startsWith("__cluster_metadata-0/");
        boolean inPartition = rel.contains("/");
        if (name.equals("quorum-state")) return QUORUM_STATE;
        if (name.equals("meta.properties")) return META_PROPERTIES;
        if (name.equals("bootstrap.checkpoint")) return BOOTSTRAP;
        if (name.equals("partition.metadata")) return PARTITION_METADATA;
        if (name.equals("leader-epoch-checkpoint")) return metadataDir ? METADATA_LEADER_EPOCH : LEADER_EPOCH;
        if (!inPartition) {
            for (FileKind k : List.of(RECOVERY_POINT, REPLICATION_OFFSET, LOG_START_OFFSET, CLEANER_OFFSET)) {
                if (k.samplePath.equals(name)) return k;
            }
            return null;
        }
        if (SegmentScanner.baseOffsetOf(name) < 0) {
            return metadataDir && name.matches("\\d{20}-\\d{10}\\.checkpoint") ? METADATA_SNAPSHOT : null;
        }
        if (name.endsWith(".log")) return metadataDir ? METADATA_LOG : SEGMENT;
        if (name.endsWith(".index")) return OFFSET_INDEX;
        if (name.endsWith(".timeindex")) return TIME_INDEX;
        if (name.endsWith(".txnindex")) return TXN_INDEX;
        if (name.endsWith(".snapshot")) return PRODUCER_SNAPSHOT;
        return null;
    }

    boolean isText() {
        return switch (this) {
            case QUORUM_STATE, RECOVERY_POINT, REPLICATION_OFFSET, LOG_START_OFFSET, CLEANER_OFFSET, LEADER_EPOCH,
                    METADATA_LEADER_EPOCH, META_PROPERTIES, PARTITION_METADATA -> true;
            default -> false;
        };
    }

    /** Runs every public entry point that parses this kind from bytes. Any exception escapes: that is a bug. */
    List<Outcome> parse(String rel, byte[] bytes) {
        List<Outcome> out = new ArrayList<>();
        switch (this) {
            case QUORUM_STATE -> add(out, "QuorumStateParser.parse", QuorumStateParser.parse(rel, bytes));
            case RECOVERY_POINT, REPLICATION_OFFSET, LOG_START_OFFSET, CLEANER_OFFSET ->
                    add(out, "CheckpointParser.parseOffsets", CheckpointParser.parseOffsets(rel, bytes, CheckpointKind.ofPath(rel)));
            case LEADER_EPOCH, METADATA_LEADER_EPOCH ->
                    add(out, "CheckpointParser.parseLeaderEpochs", CheckpointParser.parseLeaderEpochs(rel, bytes, CheckpointKind.ofPath(rel)));
            case META_PROPERTIES -> add(out, "MetaPropertiesParser.parse", MetaPropertiesParser.parse(rel, bytes));
            case PARTITION_METADATA -> add(out, "PartitionMetadataParser.parse", PartitionMetadataParser.parse(rel, bytes));
            case SEGMENT -> {
                SegmentScan full = scan(bytes, rel, ScanOptions.full().withBatchIndex(true));
                out.add(new Outcome("SegmentScanner.scan(full)", full, full.findings()));
                SegmentScan headers = scan(bytes, rel, ScanOptions.headersOnly().withResync(false));
                out.add(new Outcome("SegmentScanner.scan(headers, no resync)", headers, headers.findings()));
            }
            case METADATA_LOG -> {
                SegmentScan full = scan(bytes, rel, ScanOptions.full());
                out.add(new Outcome("SegmentScanner.scan(full)", full, full.findings()));
                Map<String, ByteBuffer> segments = new LinkedHashMap<>();
                segments.put(rel, ByteBuffer.wrap(bytes).asReadOnlyBuffer());
                var log = MetadataLogReader.parse(segments);
                add(out, "MetadataLogReader.parse", log);
                var image = MetadataImageBuilder.build(List.of(), log);
                out.add(new Outcome("MetadataImageBuilder.build(log)", image.model(), List.of()));
            }
            case OFFSET_INDEX -> {
                long base = SegmentScanner.baseOffsetOf(rel);
                add(out, "OffsetIndexView.parse(active)", OffsetIndexView.parse(rel, ByteBuffer.wrap(bytes), base, true));
                add(out, "OffsetIndexView.parse", OffsetIndexView.parse(rel, ByteBuffer.wrap(bytes), base, false));
            }
            case TIME_INDEX -> {
                long base = SegmentScanner.baseOffsetOf(rel);
                add(out, "TimeIndexView.parse(active)", TimeIndexView.parse(rel, ByteBuffer.wrap(bytes), base, true));
                add(out, "TimeIndexView.parse", TimeIndexView.parse(rel, ByteBuffer.wrap(bytes), base, false));
            }
            case TXN_INDEX -> add(out, "TxnIndexView.parse",
                    TxnIndexView.parse(rel, ByteBuffer.wrap(bytes), SegmentScanner.baseOffsetOf(rel)));
            case PRODUCER_SNAPSHOT -> add(out, "ProducerSnapshot.parse", ProducerSnapshot.parse(rel, bytes));
            case METADATA_SNAPSHOT, BOOTSTRAP -> {
                var snap = MetadataSnapshotFile.parse(rel, bytes);
                add(out, "MetadataSnapshotFile.parse", snap);
                var image = MetadataImageBuilder.build(List.of(snap), null);
                out.add(new Outcome("MetadataImageBuilder.build(snapshot)", image.model(), List.of()));
            }
        }
        return out;
    }

    private static void add(List<Outcome> out, String entryPoint, Parsed<?> p) {
        out.add(new Outcome(entryPoint, p.model(), p.findings()));
    }

    private static SegmentScan scan(byte[] bytes, String rel, ScanOptions options) {
        try {
            return SegmentScanner.scan(ByteWindows.of(bytes), rel, options);
        } catch (IOException e) {
            throw new UncheckedIOException("bytes in memory cannot fail to read", e);
        }
    }
}
