package dev.kfsck.core.format.metadata;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.io.ZeroRuns;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.ControlRecordUtils;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.ByteUtils;
import org.apache.kafka.metadata.MetadataRecordSerde;
import org.apache.kafka.server.common.ApiMessageAndVersion;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Walks the v2 record batches of a metadata file (snapshot, bootstrap file or metadata log segment) in a buffer and
 * decodes their records with Kafka's own deserializers. Framing follows {@code FileLogInputStream}: a tail of 17 bytes
 * or less, or a batch running past the end, ends the walk. Nothing here throws on bad bytes: problems are reported to
 * the visitor as {@link Damage}.
 */
final class BatchWalker {

    static final int LOG_OVERHEAD = 12;
    static final int HEADER_SIZE_UP_TO_MAGIC = 17;
    static final int MIN_RECORD_OVERHEAD = 14;
    static final int RECORD_BATCH_OVERHEAD = 61;
    static final int MAGIC_OFFSET = 16;
    static final int CRC_OFFSET = 17;
    static final int ATTRIBUTES_OFFSET = 21;
    static final int LAST_OFFSET_DELTA_OFFSET = 23;
    static final int RECORDS_COUNT_OFFSET = 57;
    static final int CONTROL_FLAG = 0x20;

    /** What to do with a batch whose CRC fails. */
    enum CrcPolicy {
        /** End the walk there, as log recovery does. */
        STOP,
        /** Report it, skip its records, go on with the next batch. */
        SKIP_BATCH,
        /** Report it and decode its records anyway, as readers that never check CRCs do. */
        DECODE_ANYWAY
    }

    /** What went wrong. */
    enum Problem { BAD_HEADER, TRUNCATED, CRC_MISMATCH, UNDECODABLE, FRAME_VERSION }

    /**
     * One problem at a place in the file.
     *
     * @param recordOffset the logical offset of the record concerned, or -1 for a batch-level problem
     */
    record Damage(Problem problem, long position, long length, long recordOffset, String message, Evidence evidence) {
    }

    /** Receives batches, records and damage in file order. */
    interface Visitor {
        default void batch(BatchInfo batch) {
        }

        default void control(BatchInfo batch, long offset, ControlRecordType type, ApiMessage message) {
        }

        default void data(BatchInfo batch, long offset, ApiMessageAndVersion record) {
        }

        default void damage(Damage damage) {
        }
    }

    /**
     * Where the walk ended.
     *
     * @param batches     every batch met, with decoded record counts
     * @param validEnd    the position after the last batch whose framing and CRC were good, with no bad batch before
     * @param stopped     the problem that ended the walk early, or null when it reached the end of the buffer
     * @param stopPosition where it stopped (the end of the buffer when {@code stopped} is null)
     */
    record Outcome(List<BatchInfo> batches, long validEnd, Problem stopped, long stopPosition) {
    }

    private BatchWalker() {
    }

    /**
     * Walks {@code buf} from index 0 to its limit.
     */
    static Outcome walk(ByteBuffer buf, CrcPolicy crcPolicy, Visitor v) {
        List<BatchInfo> batches = new ArrayList<>();
        int end = buf.limit();
        int p = 0;
        long validEnd = 0;
        boolean clean = true;
        while (p < end) {
            int remaining = end - p;
            if (remaining <= HEADER_SIZE_UP_TO_MAGIC) {
                v.damage(tail(buf, p, end, "only " + remaining + " byte(s) left after the last batch, too few for a batch header"));
                return new Outcome(batches, validEnd, Problem.TRUNCATED, p);
            }
            long baseOffset = buf.getLong(p);
            int batchLength = buf.getInt(p + 8);
            byte magic = buf.get(p + MAGIC_OFFSET);
            if (batchLength < MIN_RECORD_OVERHEAD) {
                String what = ZeroRuns.allZero(bytes(buf, p, Math.min(end, p + 64)))
                        ? "zero bytes where a batch header should be (batch length 0)"
                        : "batch length " + batchLength + " is smaller than the minimum record overhead " + MIN_RECORD_OVERHEAD;
                v.damage(new Damage(Problem.BAD_HEADER, p, remaining, -1, what,
                        Evidence.of(Evidence.hex(bytes(buf, p, Math.min(end, p + 17)), 0, 17), "batchLength >= 14")));
                return new Outcome(batches, validEnd, Problem.BAD_HEADER, p);
            }
            long size = (long) LOG_OVERHEAD + batchLength;
            if (p + size > end) {
                v.damage(new Damage(Problem.TRUNCATED, p, remaining, -1,
                        "batch at offset " + baseOffset + " needs " + size + " bytes but only " + remaining + " remain",
                        Evidence.of(remaining + " bytes", size + " bytes")));
                return new Outcome(batches, validEnd, Problem.TRUNCATED, p);
            }
            if (magic != RecordBatch.MAGIC_VALUE_V2 || size < RECORD_BATCH_OVERHEAD) {
                String what = magic != RecordBatch.MAGIC_VALUE_V2
                        ? "batch magic is " + magic + ", metadata files hold only magic 2 batches"
                        : "batch size " + size + " is smaller than the v2 batch overhead " + RECORD_BATCH_OVERHEAD;
                v.damage(new Damage(Problem.BAD_HEADER, p, size, -1, what,
                        Evidence.of("magic " + magic + ", size " + size, "magic 2, size >= 61")));
                return new Outcome(batches, validEnd, Problem.BAD_HEADER, p);
            }
            int n = (int) size;
            long stored = buf.getInt(p + CRC_OFFSET) & 0xFFFFFFFFL;
            long computed = crc32c(buf, p + ATTRIBUTES_OFFSET, p + n);
            short attributes = buf.getShort(p + ATTRIBUTES_OFFSET);
            BatchInfo info = new BatchInfo(p, n, baseOffset, baseOffset + buf.getInt(p + LAST_OFFSET_DELTA_OFFSET),
                    buf.getInt(p + LOG_OVERHEAD), (attributes & CONTROL_FLAG) != 0, stored == computed,
                    buf.getInt(p + RECORDS_COUNT_OFFSET), 0);
            if (stored != computed) {
                clean = false;
                v.damage(new Damage(Problem.CRC_MISMATCH, p, n, -1,
                        "batch at offset " + baseOffset + " (position " + p + ") fails its CRC-32C",
                        Evidence.of(String.format("stored crc 0x%08x", stored), String.format("computed crc 0x%08x", computed))));
                if (crcPolicy == CrcPolicy.STOP) {
                    batches.add(info);
                    v.batch(info);
                    return new Outcome(batches, validEnd, Problem.CRC_MISMATCH, p);
                }
                if (crcPolicy == CrcPolicy.SKIP_BATCH) {
                    batches.add(info);
                    v.batch(info);
                    p += n;
                    continue;
                }
            }
            if (clean) validEnd = p + n;
            BatchInfo decoded = info.withDecoded(decodeRecords(buf, p, n, info, v));
            batches.add(decoded);
            v.batch(decoded);
            p += n;
        }
        return new Outcome(batches, validEnd, null, end);
    }

    private static int decodeRecords(ByteBuffer buf, int p, int n, BatchInfo info, Visitor v) {
        ByteBuffer slice = buf.duplicate().position(p).limit(p + n).slice();
        long lastOffset = info.baseOffset() - 1;
        int count = 0;
        try {
            RecordBatch batch = MemoryRecords.readableRecords(slice).batches().iterator().next();
            Iterator<Record> it = batch.iterator();
            while (it.hasNext()) {
                Record r = it.next();
                lastOffset = r.offset();
                if (info.control()) decodeControl(r, p, n, info, v);
                else decodeData(r, p, n, info, v);
                count++;
            }
        } catch (RuntimeException e) {
            v.damage(new Damage(Problem.UNDECODABLE, p, n, lastOffset + 1,
                    "records of the batch at offset " + info.baseOffset() + " cannot be read after offset " + lastOffset,
                    Evidence.of(describe(e), info.declaredRecords() + " well-formed records")));
            return count;
        }
        if (count == 0) {
            // Kafka's raft reader (RecordsIterator) refuses a batch without records: "Batch must contain at least one record".
            v.damage(new Damage(Problem.UNDECODABLE, p, n, -1, "the batch at offset " + info.baseOffset() + " holds no records",
                    Evidence.of("record count " + info.declaredRecords(), "at least one record")));
        }
        return count;
    }

    private static void decodeControl(Record r, int p, int n, BatchInfo info, Visitor v) {
        ControlRecordType type;
        ApiMessage message;
        try {
            if (!r.hasKey()) throw new IllegalArgumentException("control record without a key");
            type = ControlRecordType.parse(r.key());
            ByteBuffer value = r.value();
            if (value == null) throw new IllegalArgumentException("control record without a value");
            message = switch (type) {
                case LEADER_CHANGE -> ControlRecordUtils.deserializeLeaderChangeMessage(value);
                case SNAPSHOT_HEADER -> ControlRecordUtils.deserializeSnapshotHeaderRecord(value);
                case SNAPSHOT_FOOTER -> ControlRecordUtils.deserializeSnapshotFooterRecord(value);
                case KRAFT_VERSION -> ControlRecordUtils.deserializeKRaftVersionRecord(value);
                case KRAFT_VOTERS -> ControlRecordUtils.deserializeVotersRecord(value);
                case ABORT, COMMIT -> null;
                default -> throw new IllegalArgumentException("unknown control record type " + ControlRecordType.parseTypeId(r.key()));
            };
        } catch (RuntimeException e) {
            v.damage(new Damage(Problem.UNDECODABLE, p, n, r.offset(),
                    "control record at offset " + r.offset() + " cannot be decoded",
                    Evidence.of(describe(e), "a KRaft control record")));
            return;
        }
        v.control(info, r.offset(), type, message);
    }

    private static void decodeData(Record r, int p, int n, BatchInfo info, Visitor v) {
        ByteBuffer value = r.value();
        if (value == null) {
            v.damage(new Damage(Problem.UNDECODABLE, p, n, r.offset(), "metadata record at offset " + r.offset() + " has no value",
                    Evidence.of("null value", "a metadata record frame")));
            return;
        }
        int frameVersion;
        try {
            frameVersion = ByteUtils.readUnsignedVarint(value.duplicate());
        } catch (RuntimeException e) {
            frameVersion = -1;
        }
        if (frameVersion != 1) {
            v.damage(new Damage(Problem.FRAME_VERSION, p, n, r.offset(),
                    "metadata record at offset " + r.offset() + " has frame version " + frameVersion,
                    Evidence.of("frame version " + frameVersion + " (" + Evidence.hex(bytes(value, value.position(), Math.min(value.limit(), value.position() + 16)), 0, 16) + ")",
                            "frame version 1")));
            return;
        }
        ApiMessageAndVersion record;
        try {
            record = MetadataRecordSerde.INSTANCE.read(new ByteBufferAccessor(value.duplicate()), r.valueSize());
        } catch (RuntimeException e) {
            v.damage(new Damage(Problem.UNDECODABLE, p, n, r.offset(),
                    "metadata record at offset " + r.offset() + " cannot be decoded",
                    Evidence.of(describe(e), "a metadata record")));
            return;
        }
        v.data(info, r.offset(), record);
    }

    private static Damage tail(ByteBuffer buf, int p, int end, String message) {
        byte[] rest = bytes(buf, p, end);
        String seen = ZeroRuns.allZero(rest) ? rest.length + " zero bytes" : Evidence.hex(rest, 0, rest.length);
        return new Damage(Problem.TRUNCATED, p, end - p, -1, message, Evidence.of(seen, "end of file after a complete batch"));
    }

    static long crc32c(ByteBuffer buf, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate().position(from).limit(to));
        return crc.getValue();
    }

    /** A copy of at most the given range: used only for small evidence windows. */
    static byte[] bytes(ByteBuffer buf, int from, int to) {
        byte[] b = new byte[Math.max(0, to - from)];
        buf.duplicate().position(from).get(b);
        return b;
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + Evidence.printable(m));
    }
}
