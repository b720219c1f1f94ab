package dev.kfsck.core.format.segment;

import dev.kfsck.core.io.ByteWindows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Run in a child JVM by {@link V2HeaderReadsTest} with {@code -Dkfsck.uncheckedReads=false}: the fallback through the
 * buffers' checked getters reads the same fields, and a scan through it sees the same batches as Kafka's order of
 * fields says. Prints "OK unchecked=false" or what differed.
 */
public final class CheckedReadsMain {

    public static void main(String[] args) throws Exception {
        Random rnd = new Random(7);
        for (int k = 0; k < 5000; k++) {
            byte[] bytes = new byte[rnd.nextInt(200)];
            rnd.nextBytes(bytes);
            ByteBuffer b = rnd.nextBoolean() ? ByteBuffer.wrap(bytes)
                    : ByteBuffer.allocateDirect(bytes.length).order(java.nio.ByteOrder.LITTLE_ENDIAN).put(bytes).clear();
            V2HeaderReads r = new V2HeaderReads();
            r.point(b);
            int index = rnd.nextInt(220) - 10;
            boolean inside = index >= 0 && index + RecordBatchView.RECORD_BATCH_OVERHEAD <= bytes.length;
            if (r.at(index) != inside) fail("range check at " + index + " of " + bytes.length);
            if (!inside) continue;
            ByteBuffer be = ByteBuffer.wrap(bytes);
            if (r.baseOffset() != be.getLong(index) || r.lengthAndEpoch() != be.getLong(index + 8)
                    || r.magicCrcAttributes() != be.getLong(index + 16) || r.lastOffsetDelta() != be.getInt(index + 23)
                    || r.maxTimestamp() != be.getLong(index + 35) || r.producerId() != be.getLong(index + 43)
                    || r.recordCount() != be.getInt(index + 57)) {
                fail("fields differ at " + index);
            }
        }
        byte[] segment = KafkaBatches.assortedSegment(500, 40, 3);
        List<Long> seen = new ArrayList<>();
        SegmentScan s = SegmentScanner.scan(ByteWindows.of(segment), String.format("%020d.log", 500),
                ScanOptions.full().withListener(h -> seen.add(h.lastOffset())));
        if (!s.isClean() || s.batchCount() != 40 || seen.size() != 40) fail("scan: " + s);
        System.out.println("OK unchecked=" + V2HeaderReads.UNCHECKED);
    }

    private static void fail(String what) {
        System.out.println("FAIL " + what);
        System.exit(1);
    }
}
