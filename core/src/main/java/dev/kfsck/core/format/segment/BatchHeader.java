package dev.kfsck.core.format.segment;

import java.nio.ByteBuffer;

/**
 * The header fields of one batch in a segment, whatever its magic: a v2 {@link RecordBatchView} or a legacy
 * v0/v1 {@link LegacyMessageView}. Implementations are flyweights: a scanner hands the same instance for every batch,
 * so keep values, never the object.
 */
public interface BatchHeader {

    /** Byte position of the batch's first byte in its file. */
    long filePosition();

    /** Total size in bytes, the 12 bytes of offset and length included. */
    int sizeInBytes();

    byte magic();

    /** First offset (for a compressed legacy wrapper, unknown without decompressing: the wrapper's offset). */
    long baseOffset();

    long lastOffset();

    /** The next offset after this batch. */
    default long nextOffset() {
        return lastOffset() + 1;
    }

    /** The partition leader epoch, or -1 (always -1 for legacy messages). */
    int partitionLeaderEpoch();

    /** The CRC stored in the header, as an unsigned 32-bit value (CRC-32C for v2, CRC-32 for v0/v1). */
    long storedCrc();

    /** The attributes: 16 bits for v2, 8 bits for v0/v1. */
    int attributes();

    /** Compression codec bits 0-2: 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd, 5-7 invalid. */
    default int compressionCodec() {
        return attributes() & 0x7;
    }

    boolean isTransactional();

    boolean isControl();

    long producerId();

    short producerEpoch();

    int baseSequence();

    /** The record count from the header, or -1 when the format has none (legacy messages). */
    int recordCount();

    /** Max timestamp (v2), the message timestamp (v1), or -1 (v0). */
    long maxTimestamp();

    /** The buffer the batch lives in: valid only during the callback that handed this view out. */
    ByteBuffer buffer();

    /** The index of the batch's first byte in {@link #buffer()}. */
    int index();

    /** True when the whole batch is in {@link #buffer()} (in header-only scans of huge batches it may not be). */
    default boolean wholeInBuffer() {
        return index() >= 0 && (long) index() + sizeInBytes() <= buffer().limit();
    }
}
