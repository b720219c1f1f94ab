package dev.kfsck.core.format.metadata;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.KRaftVersionRecord;
import org.apache.kafka.common.message.LeaderChangeMessage;
import org.apache.kafka.common.message.VotersRecord;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.metadata.MetadataRecordSerde;
import org.apache.kafka.server.common.ApiMessageAndVersion;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/** Metadata log batches built with Kafka's own record builders and serde, as the raft leader writes them. */
final class KafkaLogBatches {

    private KafkaLogBatches() {
    }

    static byte[] data(long baseOffset, int epoch, List<ApiMessageAndVersion> records) {
        SimpleRecord[] simple = records.stream().map(r -> new SimpleRecord(1_700_000_000_000L, null, serialize(r)))
                .toArray(SimpleRecord[]::new);
        return bytes(MemoryRecords.withRecords(RecordBatch.MAGIC_VALUE_V2, baseOffset, Compression.NONE,
                TimestampType.CREATE_TIME, -1L, (short) -1, -1, epoch, false, simple));
    }

    static byte[] leaderChange(long baseOffset, int epoch, int leader) {
        LeaderChangeMessage m = new LeaderChangeMessage().setLeaderId(leader)
                .setVoters(List.of(new LeaderChangeMessage.Voter().setVoterId(leader)))
                .setGrantingVoters(List.of(new LeaderChangeMessage.Voter().setVoterId(leader)));
        return bytes(MemoryRecords.withLeaderChangeMessage(baseOffset, 1_700_000_000_000L, epoch, ByteBuffer.allocate(256), m));
    }

    static byte[] kraftVersion(long baseOffset, int epoch, short version) {
        return bytes(MemoryRecords.withKRaftVersionRecord(baseOffset, 1_700_000_000_000L, epoch, ByteBuffer.allocate(256),
                new KRaftVersionRecord().setVersion((short) 0).setKRaftVersion(version)));
    }

    static byte[] voters(long baseOffset, int epoch, VotersRecord voters) {
        return bytes(MemoryRecords.withVotersRecord(baseOffset, 1_700_000_000_000L, epoch, ByteBuffer.allocate(1024), voters));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    static byte[] serialize(ApiMessageAndVersion r) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = MetadataRecordSerde.INSTANCE.recordSize(r, cache);
        ByteBuffer buf = ByteBuffer.allocate(size);
        MetadataRecordSerde.INSTANCE.write(r, cache, new ByteBufferAccessor(buf));
        return buf.array();
    }

    private static byte[] bytes(MemoryRecords records) {
        ByteBuffer b = records.buffer().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
