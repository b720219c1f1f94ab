package dev.kfsck.cli.dump;

import dev.kfsck.core.finding.Evidence;
import org.apache.kafka.common.metadata.MetadataJsonConverters;
import org.apache.kafka.common.metadata.MetadataRecordType;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.ControlRecordUtils;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.metadata.MetadataRecordSerde;
import org.apache.kafka.server.common.ApiMessageAndVersion;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes the records of one batch that the segment scanner accepted, with Kafka's own classes: control records
 * (transaction markers, raft and snapshot control records), {@code __cluster_metadata} records through Kafka's
 * metadata serde, {@code __consumer_offsets} keys, and any other record as its key and value. A batch or record that
 * Kafka's classes refuse is reported, not thrown.
 */
public final class RecordDecoder {

    /** How to read record keys and values. */
    public enum Content {
        /** {@code __cluster_metadata}: values are metadata records. */
        METADATA,
        /** {@code __consumer_offsets}: keys name a group (and a topic-partition for offset commits). */
        CONSUMER_OFFSETS,
        /** Anything else: keys and values as text when printable, else hex. */
        PLAIN
    }

    private static final int PREVIEW_BYTES = 48;

    private final Content content;

    public RecordDecoder(Content content) {
        this.content = content;
    }

    /** The content kind of a file, from its path (the partition folder names the topic). */
    public static Content contentOf(String path) {
        String p = path.replace('\\', '/');
        if (p.contains("__cluster_metadata-") || p.endsWith(".checkpoint")) return Content.METADATA;
        if (p.contains("__consumer_offsets-")) return Content.CONSUMER_OFFSETS;
        return Content.PLAIN;
    }

    /**
     * Sends one {@code record} entry per record of the batch in {@code batchBytes} (exactly one batch) to the sink.
     *
     * @param bytePosition where the batch starts in its file, for the entries and problems
     */
    public void decode(ByteBuffer batchBytes, long bytePosition, DumpSink sink) {
        try {
            for (MutableRecordBatch batch : MemoryRecords.readableRecords(batchBytes.slice()).batches()) {
                for (Record r : batch) {
                    sink.entry(-1, -1, "record", fields(r, batch.isControlBatch()));
                }
            }
        } catch (RuntimeException e) {
            sink.entry(bytePosition, batchBytes.remaining(), "undecodable-records",
                    Map.of("error", e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage())));
        }
    }

    private Map<String, Object> fields(Record r, boolean control) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("logOffset", r.offset());
        m.put("timestamp", r.timestamp());
        if (control) {
            control(r, m);
            return m;
        }
        switch (content) {
            case METADATA -> metadata(r, m);
            case CONSUMER_OFFSETS -> {
                m.put("key", r.hasKey() ? offsetsKey(r.key()) : null);
                m.put("value", r.hasValue() ? r.valueSize() + " bytes" : "tombstone");
            }
            case PLAIN -> {
                m.put("key", r.hasKey() ? preview(r.key()) : null);
                m.put("value", r.hasValue() ? preview(r.value()) : null);
                m.put("valueSize", r.valueSize());
                if (r.headers().length > 0) m.put("headers", r.headers().length);
            }
        }
        return m;
    }

    private static void control(Record r, Map<String, Object> m) {
        ControlRecordType type = r.hasKey() ? ControlRecordType.parse(r.key()) : ControlRecordType.UNKNOWN;
        m.put("control", type.name());
        try {
            Object value = switch (type) {
                case LEADER_CHANGE -> ControlRecordUtils.deserializeLeaderChangeMessage(r);
                case SNAPSHOT_HEADER -> ControlRecordUtils.deserializeSnapshotHeaderRecord(r);
                case SNAPSHOT_FOOTER -> ControlRecordUtils.deserializeSnapshotFooterRecord(r);
                case KRAFT_VERSION -> ControlRecordUtils.deserializeKRaftVersionRecord(r);
                case KRAFT_VOTERS -> ControlRecordUtils.deserializeVotersRecord(r);
                default -> null;
            };
            if (value != null) m.put("value", value.toString());
        } catch (RuntimeException e) {
            m.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static void metadata(Record r, Map<String, Object> m) {
        if (!r.hasValue()) {
            m.put("value", null);
            return;
        }
        try {
            ApiMessageAndVersion amv = MetadataRecordSerde.INSTANCE.read(new ByteBufferAccessor(r.value()), r.valueSize());
            ApiMessage msg = amv.message();
            m.put("recordType", MetadataRecordType.fromId(msg.apiKey()).name());
            m.put("version", amv.version());
            m.put("record", MetadataJsonConverters.writeJson(msg, amv.version()));
        } catch (RuntimeException e) {
            m.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * A {@code __consumer_offsets} key: an int16 version, then the group, and for offset commits (versions 0 and 1)
     * the topic and partition.
     */
    static String offsetsKey(ByteBuffer key) {
        ByteBuffer b = key.duplicate();
        try {
            short version = b.getShort();
            String group = string(b);
            return switch (version) {
                case 0, 1 -> "offset commit: group " + group + ", " + string(b) + "-" + b.getInt();
                case 2 -> "group metadata: group " + group;
                default -> "key version " + version + ": " + group;
            };
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return "undecodable key: " + Evidence.hex(bytes(key), 0, PREVIEW_BYTES);
        }
    }

    private static String string(ByteBuffer b) {
        short len = b.getShort();
        if (len < 0 || len > b.remaining()) throw new IllegalArgumentException("string length " + len);
        byte[] s = new byte[len];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    /** Text when the bytes are printable UTF-8, else hex; at most {@value #PREVIEW_BYTES} bytes either way. */
    static String preview(ByteBuffer value) {
        int size = value.remaining();
        int n = Math.min(size, PREVIEW_BYTES);
        byte[] all = new byte[n];
        value.duplicate().get(all);
        String more = size > n ? " … (" + size + " bytes)" : "";
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(all, 0, n)).toString();
            if (text.chars().allMatch(c -> c >= 0x20 || c == '\t')) return text + more;
        } catch (CharacterCodingException e) {
            // not text
        }
        return "0x" + Evidence.hex(all, 0, n).replace(" ", "") + more;
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
