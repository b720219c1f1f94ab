package dev.kfsck.core.format.segment;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A reusable, allocation-free view of one v2 record batch (magic 2) in a {@link ByteBuffer}. {@link #wrap} points it
 * at a batch; getters read the big-endian fields in place with absolute gets, so the buffer's position and limit are
 * never touched. Reading is separate from checking: the getters believe the bytes, {@link #crcMatches} and the
 * scanner decide whether to.
 *
 * <pre>
 *  offset  size  field
 *  ------  ----  -------------------------------------------------------------
 *       0     8  baseOffset            int64
 *       8     4  batchLength           int32  bytes after this field (size - 12)
 *      12     4  partitionLeaderEpoch  int32  -1 = none
 *      16     1  magic                 int8   2
 *      17     4  crc                   uint32 CRC-32C of bytes [21, 12 + batchLength)
 *      21     2  attributes            int16  bits 0-2 codec, 3 log-append time, 4 transactional,
 *                                             5 control, 6 delete horizon
 *      23     4  lastOffsetDelta       int32  lastOffset = baseOffset + lastOffsetDelta
 *      27     8  baseTimestamp         int64
 *      35     8  maxTimestamp          int64
 *      43     8  producerId            int64  -1 = none
 *      51     2  producerEpoch         int16  -1 = none
 *      53     4  baseSequence          int32  -1 = none
 *      57     4  recordsCount          int32
 *      61     …  records               possibly compressed as a whole
 * </pre>
 */
public final class RecordBatchView extends BatchViewBase<RecordBatchView> {

    public static final int BASE_OFFSET = 0;
    public static final int BATCH_LENGTH = BASE_OFFSET + 8;
    public static final int PARTITION_LEADER_EPOCH = BATCH_LENGTH + 4;
    public static final int MAGIC = PARTITION_LEADER_EPOCH + 4;
    public static final int CRC = MAGIC + 1;
    public static final int ATTRIBUTES = CRC + 4;
    public static final int LAST_OFFSET_DELTA = ATTRIBUTES + 2;
    public static final int BASE_TIMESTAMP = LAST_OFFSET_DELTA + 4;
    public static final int MAX_TIMESTAMP = BASE_TIMESTAMP + 8;
    public static final int PRODUCER_ID = MAX_TIMESTAMP + 8;
    public static final int PRODUCER_EPOCH = PRODUCER_ID + 8;
    public static final int BASE_SEQUENCE = PRODUCER_EPOCH + 2;
    public static final int RECORDS_COUNT = BASE_SEQUENCE + 4;
    public static final int RECORDS = RECORDS_COUNT + 4;

    /** Offset and length fields in front of every batch, whatever its magic. */
    public static final int LOG_OVERHEAD = BATCH_LENGTH + 4;
    /** Bytes needed to know a batch's offset, length and magic. */
    public static final int HEADER_SIZE_UP_TO_MAGIC = MAGIC + 1;
    /** The smallest v2 batch: a header and no records. */
    public static final int RECORD_BATCH_OVERHEAD = RECORDS;

    public static final int COMPRESSION_MASK = 0x07;
    public static final int TIMESTAMP_TYPE_FLAG = 0x08;
    public static final int TRANSACTIONAL_FLAG = 0x10;
    public static final int CONTROL_FLAG = 0x20;
    public static final int DELETE_HORIZON_FLAG = 0x40;

    @Override
    public long baseOffset() {
        return buffer.getLong(index + BASE_OFFSET);
    }

    public int batchLength() {
        return buffer.getInt(index + BATCH_LENGTH);
    }

    /** {@code batchLength + 12}; meaningful only when the length is at least 0 (the scanner checks that first). */
    @Override
    public int sizeInBytes() {
        return LOG_OVERHEAD + batchLength();
    }

    @Override
    public int partitionLeaderEpoch() {
        return buffer.getInt(index + PARTITION_LEADER_EPOCH);
    }

    @Override
    public byte magic() {
        return buffer.get(index + MAGIC);
    }

    @Override
    public long storedCrc() {
        return buffer.getInt(index + CRC) & 0xFFFFFFFFL;
    }

    @Override
    public int attributes() {
        return buffer.getShort(index + ATTRIBUTES) & 0xFFFF;
    }

    public int lastOffsetDelta() {
        return buffer.getInt(index + LAST_OFFSET_DELTA);
    }

    @Override
    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    public long baseTimestamp() {
        return buffer.getLong(index + BASE_TIMESTAMP);
    }

    @Override
    public long maxTimestamp() {
        return buffer.getLong(index + MAX_TIMESTAMP);
    }

    @Override
    public long producerId() {
        return buffer.getLong(index + PRODUCER_ID);
    }

    @Override
    public short producerEpoch() {
        return buffer.getShort(index + PRODUCER_EPOCH);
    }

    @Override
    public int baseSequence() {
        return buffer.getInt(index + BASE_SEQUENCE);
    }

    @Override
    public int recordCount() {
        return buffer.getInt(index + RECORDS_COUNT);
    }

    /** True when bit 3 says the timestamps are log-append times. */
    public boolean isLogAppendTime() {
        return (attributes() & TIMESTAMP_TYPE_FLAG) != 0;
    }

    @Override
    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_FLAG) != 0;
    }

    @Override
    public boolean isControl() {
        return (attributes() & CONTROL_FLAG) != 0;
    }

    public boolean hasDeleteHorizon() {
        return (attributes() & DELETE_HORIZON_FLAG) != 0;
    }

    /**
     * Computes the CRC-32C of the batch in place. The whole batch must be in the buffer. {@code scratch} is any
     * duplicate of the buffer, reused across calls: its position and limit are overwritten, so nothing is allocated.
     */
    public long computeCrc(CRC32C crc, ByteBuffer scratch) {
        int end = index + sizeInBytes();
        scratch.limit(end).position(index + ATTRIBUTES);
        crc.reset();
        crc.update(scratch);
        return crc.getValue();
    }

    /** True when the stored CRC matches the bytes; see {@link #computeCrc}. */
    public boolean crcMatches(CRC32C crc, ByteBuffer scratch) {
        return computeCrc(crc, scratch) == storedCrc();
    }

    @Override
    public String toString() {
        return "RecordBatchView(pos=" + filePosition() + ", base=" + baseOffset() + ", length=" + batchLength()
                + ", magic=" + magic() + ")";
    }
}
