package dev.kfsck.core.format.segment;

import sun.misc.Unsafe;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static dev.kfsck.core.format.segment.RecordBatchView.BASE_OFFSET;
import static dev.kfsck.core.format.segment.RecordBatchView.BATCH_LENGTH;
import static dev.kfsck.core.format.segment.RecordBatchView.LAST_OFFSET_DELTA;
import static dev.kfsck.core.format.segment.RecordBatchView.MAGIC;
import static dev.kfsck.core.format.segment.RecordBatchView.MAX_TIMESTAMP;
import static dev.kfsck.core.format.segment.RecordBatchView.PRODUCER_ID;
import static dev.kfsck.core.format.segment.RecordBatchView.RECORDS_COUNT;
import static dev.kfsck.core.format.segment.RecordBatchView.RECORD_BATCH_OVERHEAD;

/**
 * The fields of one 61-byte v2 batch header, read from a window's memory with one range check per header instead of
 * one per field: {@link #at} checks that the whole header lies inside the buffer, and every getter reads at a fixed
 * {@link RecordBatchView} offset below 61, so no read can leave the buffer. The reads go through
 * {@code sun.misc.Unsafe} (as Agrona and Netty do) on platforms that allow unaligned reads; elsewhere, or when the
 * runtime hides {@code Unsafe}, through the buffer's own checked getters, with the same results.
 *
 * <p>This is the only class that reads memory without bounds checks. It keeps a reference to the buffer it reads, so
 * the memory stays allocated; a caller must {@link #point} it again whenever the buffer could be unmapped (the
 * segment walk does so on every window change).
 */
final class V2HeaderReads {

    private static final Unsafe UNSAFE = findUnsafe();
    private static final long ADDRESS = fieldOffset(Buffer.class, "address");
    private static final long HEAP_ARRAY = fieldOffset(ByteBuffer.class, "hb");
    private static final long HEAP_OFFSET = fieldOffset(ByteBuffer.class, "offset");
    /**
     * Unchecked reads are used only when every piece they need was found; {@code -Dkfsck.uncheckedReads=false}
     * turns them off.
     */
    static final boolean UNCHECKED = UNSAFE != null && ADDRESS >= 0 && HEAP_ARRAY >= 0 && HEAP_OFFSET >= 0
            && unalignedReadsAllowed() && !"false".equals(System.getProperty("kfsck.uncheckedReads"));
    private static final boolean SWAP = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private ByteBuffer buffer;
    private Object base;
    private long bufferAddress;
    private int limit;
    /** The address (relative to {@link #base}) of the header's first byte, after {@link #at}. */
    private long header;
    private int index;

    /** Reads from {@code buffer} (big-endian, as Kafka writes) from now on; its limit bounds every {@link #at}. */
    void point(ByteBuffer buffer) {
        this.limit = buffer.limit();
        if (!UNCHECKED) {
            this.buffer = buffer.order() == ByteOrder.BIG_ENDIAN ? buffer : buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
            return;
        }
        this.buffer = buffer;
        if (buffer.isDirect()) {
            base = null;
            bufferAddress = UNSAFE.getLong(buffer, ADDRESS);
        } else {
            base = UNSAFE.getObject(buffer, HEAP_ARRAY);
            bufferAddress = Unsafe.ARRAY_BYTE_BASE_OFFSET + UNSAFE.getInt(buffer, HEAP_OFFSET);
        }
    }

    /**
     * Moves to the header starting at {@code index}; false (and nothing moved) when [index, index + 61) is not
     * inside the buffer's limit. The only range check: the getters then read without one.
     */
    boolean at(int index) {
        if (index < 0 || index > limit - RECORD_BATCH_OVERHEAD) return false;
        this.index = index;
        this.header = bufferAddress + index;
        return true;
    }

    long baseOffset() {
        return getLong(BASE_OFFSET);
    }

    /** Bytes 8-15: the length field (high half) and the partition leader epoch (low half). */
    long lengthAndEpoch() {
        return getLong(BATCH_LENGTH);
    }

    /** Bytes 16-23: magic, CRC, attributes and the first byte of the last offset delta. */
    long magicCrcAttributes() {
        return getLong(MAGIC);
    }

    int lastOffsetDelta() {
        return getInt(LAST_OFFSET_DELTA);
    }

    long maxTimestamp() {
        return getLong(MAX_TIMESTAMP);
    }

    long producerId() {
        return getLong(PRODUCER_ID);
    }

    int recordCount() {
        return getInt(RECORDS_COUNT);
    }

    static int length(long lengthAndEpoch) {
        return (int) (lengthAndEpoch >> 32);
    }

    static int epoch(long lengthAndEpoch) {
        return (int) lengthAndEpoch;
    }

    static byte magic(long magicCrcAttributes) {
        return (byte) (magicCrcAttributes >>> 56);
    }

    static long crc(long magicCrcAttributes) {
        return (magicCrcAttributes >>> 24) & 0xFFFFFFFFL;
    }

    static int attributes(long magicCrcAttributes) {
        return (int) (magicCrcAttributes >>> 8) & 0xFFFF;
    }

    private long getLong(int offset) {
        if (!UNCHECKED) return buffer.getLong(index + offset);
        long v = UNSAFE.getLong(base, header + offset);
        return SWAP ? Long.reverseBytes(v) : v;
    }

    private int getInt(int offset) {
        if (!UNCHECKED) return buffer.getInt(index + offset);
        int v = UNSAFE.getInt(base, header + offset);
        return SWAP ? Integer.reverseBytes(v) : v;
    }

    private static Unsafe findUnsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null; // e.g. a runtime image without the jdk.unsupported module: checked reads
        }
    }

    private static long fieldOffset(Class<?> owner, String name) {
        if (UNSAFE == null) return -1;
        try {
            return UNSAFE.objectFieldOffset(owner.getDeclaredField(name));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    /** Unaligned 4- and 8-byte loads are legal (and fast) on these; the headers sit at any byte position. */
    private static boolean unalignedReadsAllowed() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64");
    }
}
