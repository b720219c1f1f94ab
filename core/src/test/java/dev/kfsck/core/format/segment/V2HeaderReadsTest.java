package dev.kfsck.core.format.segment;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import dev.kfsck.core.io.ChildJvm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The unchecked header reads: {@code at} accepts exactly the indexes whose 61-byte header lies inside the buffer's
 * limit, and every field then reads what the buffer's own bounds-checked big-endian getters read, for every kind of
 * buffer a window can be (heap, read-only heap slice, direct, direct slice).
 */
class V2HeaderReadsTest {

    enum Kind { HEAP, READ_ONLY_HEAP_SLICE, DIRECT, DIRECT_SLICE, LITTLE_ENDIAN_DIRECT }

    @Test
    void uncheckedReadsAreInUseOnThisPlatform() {
        String arch = System.getProperty("os.arch");
        if (arch.equals("amd64") || arch.equals("aarch64")) assertTrue(V2HeaderReads.UNCHECKED);
    }

    @Property(tries = 2000)
    void fieldsMatchTheBuffersCheckedGetters(@ForAll @Size(max = 300) byte[] bytes, @ForAll("kinds") Kind kind,
                                             @ForAll @IntRange(min = -70, max = 310) int index,
                                             @ForAll @IntRange(min = 0, max = 17) int slack) {
        ByteBuffer b = buffer(kind, bytes, slack);
        V2HeaderReads r = new V2HeaderReads();
        r.point(b);
        boolean inside = index >= 0 && index + RecordBatchView.RECORD_BATCH_OVERHEAD <= b.limit();
        assertEquals(inside, r.at(index), "range check at " + index + " of " + b.limit());
        if (!inside) return;
        ByteBuffer be = b.duplicate().order(ByteOrder.BIG_ENDIAN);
        assertEquals(be.getLong(index + RecordBatchView.BASE_OFFSET), r.baseOffset());
        long le = r.lengthAndEpoch();
        assertEquals(be.getInt(index + RecordBatchView.BATCH_LENGTH), V2HeaderReads.length(le));
        assertEquals(be.getInt(index + RecordBatchView.PARTITION_LEADER_EPOCH), V2HeaderReads.epoch(le));
        long mca = r.magicCrcAttributes();
        assertEquals(be.get(index + RecordBatchView.MAGIC), V2HeaderReads.magic(mca));
        assertEquals(be.getInt(index + RecordBatchView.CRC) & 0xFFFFFFFFL, V2HeaderReads.crc(mca));
        assertEquals(be.getShort(index + RecordBatchView.ATTRIBUTES) & 0xFFFF, V2HeaderReads.attributes(mca));
        assertEquals(be.getInt(index + RecordBatchView.LAST_OFFSET_DELTA), r.lastOffsetDelta());
        assertEquals(be.getLong(index + RecordBatchView.MAX_TIMESTAMP), r.maxTimestamp());
        assertEquals(be.getLong(index + RecordBatchView.PRODUCER_ID), r.producerId());
        assertEquals(be.getInt(index + RecordBatchView.RECORDS_COUNT), r.recordCount());
    }

    @Test
    void aRefusedIndexLeavesThePreviousHeaderInPlace() {
        byte[] bytes = new byte[100];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) i;
        V2HeaderReads r = new V2HeaderReads();
        r.point(ByteBuffer.wrap(bytes));
        assertTrue(r.at(39));
        long before = r.baseOffset();
        assertFalse(r.at(40));
        assertFalse(r.at(-1));
        assertEquals(before, r.baseOffset());
        assertEquals(ByteBuffer.wrap(bytes).getLong(39), before);
    }

    @Test
    void rePointingFollowsTheNewBuffer() {
        V2HeaderReads r = new V2HeaderReads();
        r.point(ByteBuffer.allocateDirect(64));
        assertTrue(r.at(0));
        assertEquals(0, r.baseOffset());
        ByteBuffer other = ByteBuffer.allocate(61).putLong(0, 42);
        r.point(other);
        assertTrue(r.at(0));
        assertEquals(42, r.baseOffset());
        r.point(ByteBuffer.allocate(60));
        assertFalse(r.at(0));
    }

    @Test
    void theCheckedFallbackReadsTheSame() throws Exception {
        try (ChildJvm child = ChildJvm.start(List.of(), List.of("-Dkfsck.uncheckedReads=false"),
                System.getProperty("java.class.path"), CheckedReadsMain.class)) {
            String line = child.readLine();
            while (line != null && !line.startsWith("OK") && !line.startsWith("FAIL")) line = child.readLine();
            assertEquals("OK unchecked=false", line);
        }
    }

    @Provide
    Arbitrary<Kind> kinds() {
        return Arbitraries.of(Kind.class);
    }

    /** {@code bytes} in a buffer of the kind; slices start {@code slack} bytes into a bigger buffer. */
    private static ByteBuffer buffer(Kind kind, byte[] bytes, int slack) {
        switch (kind) {
            case HEAP:
                return ByteBuffer.wrap(bytes);
            case READ_ONLY_HEAP_SLICE: {
                ByteBuffer big = ByteBuffer.allocate(slack + bytes.length + slack);
                big.position(slack).put(bytes).position(slack).limit(slack + bytes.length);
                return big.slice().asReadOnlyBuffer();
            }
            case DIRECT:
                return ByteBuffer.allocateDirect(bytes.length).put(bytes).clear();
            case DIRECT_SLICE: {
                ByteBuffer big = ByteBuffer.allocateDirect(slack + bytes.length + slack);
                big.position(slack).put(bytes).position(slack).limit(slack + bytes.length);
                return big.slice();
            }
            default: // the reads are big-endian whatever order the buffer was set to
                return ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.LITTLE_ENDIAN).put(bytes).clear();
        }
    }
}
