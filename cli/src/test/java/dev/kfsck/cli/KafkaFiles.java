package dev.kfsck.cli;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.metadata.TopicRecord;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.metadata.MetadataRecordSerde;
import org.apache.kafka.server.common.OffsetAndEpoch;
import org.apache.kafka.server.common.ApiMessageAndVersion;
import org.apache.kafka.server.common.KRaftVersion;
import org.apache.kafka.snapshot.FileRawSnapshotWriter;
import org.apache.kafka.snapshot.RecordsSnapshotWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Files written with Kafka's own classes: record batches, metadata records, snapshots. */
final class KafkaFiles {

    private KafkaFiles() {
    }

    /** One batch of plain records with the given keys and values, as Kafka lays it out on disk. */
    static byte[] batch(long baseOffset, int epoch, String... keyValues) {
        SimpleRecord[] records = new SimpleRecord[keyValues.length / 2];
        for (int i = 0; i < records.length; i++) {
            records[i] = new SimpleRecord(1_700_000_000_000L + i, bytes(keyValues[2 * i]), bytes(keyValues[2 * i + 1]));
        }
        return toArray(MemoryRecords.withRecords(baseOffset, Compression.NONE, epoch, records).buffer());
    }

    /** One batch holding one record with raw key and value bytes. */
    static byte[] rawBatch(long baseOffset, byte[] key, byte[] value) {
        return toArray(MemoryRecords.withRecords(baseOffset, Compression.NONE, 0, new SimpleRecord(1L, key, value)).buffer());
    }

    /** A batch of metadata records, as the controller appends them to {@code __cluster_metadata}. */
    static byte[] metadataBatch(long baseOffset, int epoch, ApiMessageAndVersion... records) {
        SimpleRecord[] rs = new SimpleRecord[records.length];
        for (int i = 0; i < records.length; i++) {
            ObjectSerializationCache cache = new ObjectSerializationCache();
            int size = MetadataRecordSerde.INSTANCE.recordSize(records[i], cache);
            ByteBuffer buf = ByteBuffer.allocate(size);
            MetadataRecordSerde.INSTANCE.write(records[i], cache, new ByteBufferAccessor(buf));
            rs[i] = new SimpleRecord(1L, null, buf.array());
        }
        return toArray(MemoryRecords.withRecords(baseOffset, Compression.NONE, epoch, rs).buffer());
    }

    /** The metadata.version feature level every snapshot starts with. */
    static ApiMessageAndVersion metadataVersion() {
        return new ApiMessageAndVersion(new org.apache.kafka.common.metadata.FeatureLevelRecord()
                .setName(org.apache.kafka.server.common.MetadataVersion.FEATURE_NAME)
                .setFeatureLevel(org.apache.kafka.server.common.MetadataVersion.latestProduction().featureLevel()), (short) 0);
    }

    static ApiMessageAndVersion topic(String name, Uuid id) {
        return new ApiMessageAndVersion(new TopicRecord().setName(name).setTopicId(id), (short) 0);
    }

    static Path write(Path file, byte[]... parts) throws IOException {
        Files.createDirectories(file.getParent());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.write(p);
        return Files.write(file, out.toByteArray());
    }

    /** A frozen KRaft snapshot written by Kafka's snapshot writer. */
    static Path snapshot(Path dir, long endOffset, int epoch, List<ApiMessageAndVersion> records) throws IOException {
        Files.createDirectories(dir);
        OffsetAndEpoch id = new OffsetAndEpoch(endOffset, epoch);
        try (RecordsSnapshotWriter<ApiMessageAndVersion> w = new RecordsSnapshotWriter.Builder()
                .setRawSnapshotWriter(FileRawSnapshotWriter.create(dir, id))
                .setKraftVersion(KRaftVersion.KRAFT_VERSION_0).setVoterSet(Optional.empty())
                .setLastContainedLogTimestamp(1_700_000_000_000L).setMaxBatchSizeBytes(1024 * 1024)
                .build(new MetadataRecordSerde())) {
            w.append(records);
            w.freeze();
        }
        return dir.resolve(String.format("%020d-%010d.checkpoint", endOffset, epoch));
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
