package dev.kfsck.core.fuzz;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.metadata.MetadataRecordSerde;
import org.apache.kafka.metadata.bootstrap.BootstrapDirectory;
import org.apache.kafka.metadata.properties.MetaProperties;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.raft.FileQuorumStateStore;
import org.apache.kafka.server.common.ApiMessageAndVersion;
import org.apache.kafka.server.common.OffsetAndEpoch;
import org.apache.kafka.server.util.KafkaScheduler;
import org.apache.kafka.snapshot.FileRawSnapshotReader;
import org.apache.kafka.snapshot.RecordsSnapshotReader;
import org.apache.kafka.storage.internals.checkpoint.LeaderEpochCheckpointFile;
import org.apache.kafka.storage.internals.checkpoint.OffsetCheckpointFile;
import org.apache.kafka.storage.internals.checkpoint.PartitionMetadataFile;
import org.apache.kafka.storage.internals.epoch.LeaderEpochFileCache;
import org.apache.kafka.storage.internals.log.LogDirFailureChannel;
import org.apache.kafka.storage.internals.log.OffsetIndex;
import org.apache.kafka.storage.internals.log.ProducerStateManager;
import org.apache.kafka.storage.internals.log.TimeIndex;
import org.apache.kafka.storage.internals.log.TransactionIndex;

/**
 * Kafka 4.3.1's own reader for each kind of file, run on a temporary copy (Kafka's reader classes create files and
 * must never touch evidence). The verdict says whether Kafka refuses the bytes, and why.
 */
final class KafkaOracle {

    /** Kafka's verdict: {@code failure} is null when it read the file; {@code validBytes} only for segments. */
    record Verdict(Throwable failure, long validBytes, boolean judged) {

        static final Verdict NOT_JUDGED = new Verdict(null, -1, false);

        /** For a segment: Kafka keeps only a prefix, so it refuses what follows. */
        Verdict withPrefixOf(long size) {
            return validBytes < size ? new Verdict(new IllegalStateException("recovery keeps " + validBytes + " of "
                    + size + " bytes"), validBytes, true) : this;
        }

        boolean rejects() {
            return judged && failure != null;
        }

        @Override
        public String toString() {
            return !judged ? "not judged" : failure == null ? "Kafka reads it" : "Kafka fails: " + failure;
        }
    }

    /** Kafka's checkpoint reader pre-sizes its list by the count line; above this it would only run out of memory. */
    private static final long HUGE_COUNT = 1_000_000;

    private KafkaOracle() {
    }

    static Verdict judge(FileKind kind, String rel, byte[] bytes) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("kfsck-oracle");
            Path file = dir.resolve(rel);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            if (kind == FileKind.SEGMENT || kind == FileKind.METADATA_LOG) {
                return new Verdict(null, validPrefix(file.toFile()), true).withPrefixOf(bytes.length);
            }
            if (kind.isText() && kind != FileKind.QUORUM_STATE && kind != FileKind.META_PROPERTIES
                    && kind != FileKind.PARTITION_METADATA && hugeCountLine(bytes)) {
                return Verdict.NOT_JUDGED;
            }
            try {
                read(kind, dir, file);
                return new Verdict(null, -1, true);
            } catch (Exception | StackOverflowError e) {
                return new Verdict(e, -1, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) FixtureCorpus.deleteTree(dir);
        }
    }

    private static void read(FileKind kind, Path dir, Path file) throws Exception {
        LogDirFailureChannel channel = new LogDirFailureChannel(4);
        File f = file.toFile();
        switch (kind) {
            case QUORUM_STATE -> new FileQuorumStateStore(f).readElectionState().orElseThrow();
            case RECOVERY_POINT, REPLICATION_OFFSET, LOG_START_OFFSET, CLEANER_OFFSET ->
                    new OffsetCheckpointFile(f, channel).read();
            case LEADER_EPOCH, METADATA_LEADER_EPOCH -> {
                // The cache is what a log load builds; it also refuses negative epochs and offsets.
                LeaderEpochCheckpointFile checkpoint = new LeaderEpochCheckpointFile(f, channel);
                checkpoint.read();
                new LeaderEpochFileCache(new TopicPartition("orders", 0), checkpoint, new KafkaScheduler(1));
            }
            case META_PROPERTIES -> {
                // A single-dir KRaft node: load and verify the ensemble, then the two checks of initializeLogDirs.
                MetaPropertiesEnsemble e = new MetaPropertiesEnsemble.Loader().addLogDirs(List.of(dir.toString())).load();
                e.verify(Optional.empty(), OptionalInt.empty(),
                        EnumSet.of(MetaPropertiesEnsemble.VerificationFlag.REQUIRE_AT_LEAST_ONE_VALID));
                MetaProperties m = e.logDirProps().get(dir.toString());
                if (m.nodeId().isEmpty()) throw new IllegalStateException("node ID not found");
                if (m.clusterId().isEmpty()) throw new IllegalStateException("cluster ID not found");
            }
            case PARTITION_METADATA -> new PartitionMetadataFile(f, channel).read();
            case OFFSET_INDEX -> {
                try (OffsetIndex index = new OffsetIndex(f, baseOffset(file), 10 << 20, false)) {
                    index.sanityCheck();
                }
            }
            case TIME_INDEX -> {
                try (TimeIndex index = new TimeIndex(f, baseOffset(file), 10 << 20, false)) {
                    index.sanityCheck();
                }
            }
            case TXN_INDEX -> {
                try (TransactionIndex index = new TransactionIndex(baseOffset(file), f)) {
                    index.sanityCheck();
                    index.allAbortedTxns();
                }
            }
            case PRODUCER_SNAPSHOT -> ProducerStateManager.readSnapshot(f);
            case METADATA_SNAPSHOT -> readSnapshot(file);
            case BOOTSTRAP -> new BootstrapDirectory(dir.toString()).read();
            default -> throw new IllegalArgumentException(kind.toString());
        }
    }

    private static long baseOffset(Path file) {
        return dev.kfsck.core.format.segment.SegmentScanner.baseOffsetOf(file.getFileName().toString());
    }

    /** Every batch and record of a metadata snapshot through Kafka's RecordsSnapshotReader, CRCs checked. */
    private static void readSnapshot(Path file) throws IOException {
        String name = file.getFileName().toString();
        long end = Long.parseLong(name.substring(0, 20));
        int epoch = Integer.parseInt(name.substring(21, 31));
        try (FileRawSnapshotReader raw = FileRawSnapshotReader.open(file.getParent(), new OffsetAndEpoch(end, epoch));
             RecordsSnapshotReader<ApiMessageAndVersion> reader = RecordsSnapshotReader.of(raw, new MetadataRecordSerde(),
                     BufferSupplier.create(), 8 << 20, true, new LogContext())) {
            while (reader.hasNext()) reader.next();
        }
    }

    /** What recovery keeps: the bytes before the first batch that cannot be read or fails {@code ensureValid}. */
    static long validPrefix(File file) throws IOException {
        long valid = 0;
        try (FileRecords records = FileRecords.open(file, false)) {
            var it = records.batches().iterator();
            while (true) {
                try {
                    if (!it.hasNext()) break;
                    FileChannelRecordBatch b = it.next();
                    b.ensureValid();
                    valid = b.position() + b.sizeInBytes();
                } catch (RuntimeException e) {
                    break;
                }
            }
        }
        return valid;
    }

    private static boolean hugeCountLine(byte[] bytes) {
        String[] lines = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8).split("\n", 3);
        if (lines.length < 2) return false;
        try {
            return Long.parseLong(lines[1].trim()) > HUGE_COUNT;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
