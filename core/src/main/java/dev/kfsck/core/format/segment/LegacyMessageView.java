package dev.kfsck.core.format.segment;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * A reusable view of one legacy message (magic 0 or 1) in a {@link ByteBuffer}, read in place like
 * {@link RecordBatchView}. Kafka 4.x still reads this format but no longer writes it. A compressed message is a
 * wrapper whose value holds the inner messages; its offset is that of the last inner message.
 *
 * <pre>
 *  offset  size  field (v0)            field (v1)
 *  ------  ----  --------------------  -------------------------------------
 *       0     8  offset                offset
 *       8     4  size                  size (bytes after this field)
 *      12     4  crc                   crc    CRC-32 of bytes [16, 12 + size)
 *      16     1  magic = 0             magic = 1
 *      17     1  attributes            attributes (bits 0-2 codec, 3 log-append time)
 *      18     8  –                     timestamp
 *   18/26     4  key length, key       key length (-1 = null), key
 *       …     4  value length, value   value length (-1 = null), value
 * </pre>
 */
public final class LegacyMessageView extends BatchViewBase<LegacyMessageView> {

    public static final int OFFSET = 0;
    public static final int SIZE = OFFSET + 8;
    public static final int CRC = SIZE + 4;
    public static final int MAGIC = CRC + 4;
    public static final int ATTRIBUTES = MAGIC + 1;
    public static final int TIMESTAMP = ATTRIBUTES + 1;
    /** The smallest size Kafka accepts for any message: crc, magic, attributes, key and value lengths (v0). */
    public static final int RECORD_OVERHEAD_V0 = 14;
    public static final int RECORD_OVERHEAD_V1 = 22;

    /** The size field: bytes after it. */
    public int size() {
        return buffer.getInt(index + SIZE);
    }

    @Override
    public int sizeInBytes() {
        return RecordBatchView.LOG_OVERHEAD + size();
    }

    public long offset() {
        return buffer.getLong(index + OFFSET);
    }

    /** The message's offset when uncompressed; for a compressed wrapper only its last offset is known here. */
    @Override
    public long baseOffset() {
        return offset();
    }

    @Override
    public long lastOffset() {
        return offset();
    }

    @Override
    public int partitionLeaderEpoch() {
        return -1;
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
        return buffer.get(index + ATTRIBUTES) & 0xFF;
    }

    @Override
    public boolean isTransactional() {
        return false;
    }

    @Override
    public boolean isControl() {
        return false;
    }

    @Override
    public long producerId() {
        return -1;
    }

    @Override
    public short producerEpoch() {
        return -1;
    }

    @Override
    public int baseSequence() {
        return -1;
    }

    /** -1: legacy messages carry no record count (a plain message is one record, a wrapper holds several). */
    @Override
    public int recordCount() {
        return -1;
    }

    /** The v1 timestamp, or -1 for v0 (and for a v1 message too short to hold one). */
    @Override
    public long maxTimestamp() {
        if (magic() < 1 || size() < RECORD_OVERHEAD_V1) return -1;
        return buffer.getLong(index + TIMESTAMP);
    }

    /** CRC-32 of bytes [16, 12 + size) computed in place; {@code scratch} as in {@link RecordBatchView#computeCrc}. */
    public long computeCrc(CRC32 crc, ByteBuffer scratch) {
        scratch.limit(index + sizeInBytes()).position(index + MAGIC);
        crc.reset();
        crc.update(scratch);
        return crc.getValue();
    }

    public boolean crcMatches(CRC32 crc, ByteBuffer scratch) {
        return computeCrc(crc, scratch) == storedCrc();
    }

    @Override
    public String toString() {
        return "LegacyMessageView(pos=" + filePosition() + ", offset=" + offset() + ", size=" + size()
                + ", magic=" + magic() + ")";
    }
}
