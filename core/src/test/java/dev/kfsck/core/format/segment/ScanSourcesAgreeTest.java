package dev.kfsck.core.format.segment;

import dev.kfsck.core.format.segment.KafkaBatches.BatchFacts;
import dev.kfsck.core.io.ByteWindows;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.RecordBatch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The scan's results do not depend on how its bytes arrive: heap, direct or sliced buffers, read buffers and maps of
 * any size (down to windows smaller than one batch, where batches straddle window ends and the walk leaves its fast
 * path), on clean and damaged segments with v2 and legacy batches. Every field of the result, every finding and every
 * batch handed to the listener must be the same as for the plain in-memory scan.
 */
class ScanSourcesAgreeTest {

    @Property(tries = 150)
    void everySourceAndWindowSizeGivesTheSameScan(@ForAll("segments") byte[] bytes, @ForAll("readWindows") int readWindow,
                                                  @ForAll boolean headersOnly) throws IOException {
        ScanOptions base = (headersOnly ? ScanOptions.headersOnly() : ScanOptions.full()).withBatchIndex(true);
        String name = String.format("%020d.log", 500);
        String expected = describe(bytes, name, base, null);
        for (ByteWindows w : List.of(ByteWindows.of(ByteBuffer.allocateDirect(bytes.length).put(bytes).clear()),
                ByteWindows.of(slice(bytes)))) {
            assertEquals(expected, describe(bytes, name, base, w), "buffer kind " + w.getClass().getSimpleName());
        }
        try (TempFiles tmp = new TempFiles()) {
            Path file = KafkaBatches.write(tmp.dir, 500, bytes);
            for (ScanOptions o : new ScanOptions[] {base.withSource(ByteSource.READ, readWindow),
                    base.withSource(ByteSource.READ, 0), base.withSource(ByteSource.MAPPED, 4096),
                    base.withSource(ByteSource.MAPPED, 0), base.withSource(ByteSource.READ_AHEAD, readWindow),
                    base.withSource(ByteSource.READ_AHEAD, 0)}) {
                try (ByteWindows w = o.source().open(file, bytes.length, o.windowBytes())) {
                    assertEquals(expected, describe(bytes, name, o, w), o.source() + " window " + o.windowBytes());
                }
            }
        }
    }

    /** Everything a scan reports, as text: the result record, its batch index, and each batch the listener saw. */
    private static String describe(byte[] bytes, String name, ScanOptions options, ByteWindows source) throws IOException {
        List<BatchFacts> seen = new ArrayList<>();
        List<String> holes = new ArrayList<>();
        ScanOptions o = options.withListener(new BatchListener() {
            @Override
            public void onBatch(BatchHeader batch) {
                seen.add(KafkaBatches.facts(batch));
            }

            @Override
            public void onHole(long start, long end, HoleReason reason) {
                holes.add(start + "-" + end + " " + reason);
            }
        });
        SegmentScan s = SegmentScanner.scan(source == null ? ByteWindows.of(bytes) : source, name, o);
        BatchIndex index = s.batchIndex();
        StringBuilder text = new StringBuilder(new SegmentScan(s.file(), s.size(), s.fileBaseOffset(), s.mode(),
                s.batchCount(), s.firstOffset(), s.lastOffset(), s.nextOffset(), s.validBytes(), s.totalBatchCount(),
                s.holes(), s.epochs(), s.maxTimestamp(), s.maxTimestampOffset(), s.hasControlBatches(),
                s.hasTransactionalBatches(), s.producerIdCount(), s.producerIdsSaturated(), s.legacyBatchCount(), null,
                s.issues()).toString());
        for (int i = 0; i < index.size(); i++) {
            text.append('\n').append(index.position(i)).append(' ').append(index.lastOffset(i)).append(' ')
                    .append(index.maxTimestamp(i));
        }
        seen.forEach(f -> text.append('\n').append(f));
        holes.forEach(h -> text.append('\n').append(h));
        return text.toString();
    }

    private static ByteBuffer slice(byte[] bytes) {
        ByteBuffer big = ByteBuffer.allocate(bytes.length + 10);
        big.position(3).put(bytes).position(3).limit(3 + bytes.length);
        return big.slice().asReadOnlyBuffer();
    }

    @Provide
    Arbitrary<Integer> readWindows() {
        return Arbitraries.integers().between(64, 700);
    }

    /** Segments of v2 batches and legacy messages (small and compressed), then cut, flipped, padded or left whole. */
    @Provide
    Arbitrary<byte[]> segments() {
        return Arbitraries.longs().map(seed -> {
            Random rnd = new Random(seed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (rnd.nextInt(4) == 0) {
                long offset = 500;
                for (int i = 0; i < 1 + rnd.nextInt(6); i++) {
                    byte magic = rnd.nextBoolean() ? RecordBatch.MAGIC_VALUE_V0 : RecordBatch.MAGIC_VALUE_V1;
                    int n = 1 + rnd.nextInt(3);
                    out.writeBytes(KafkaBatches.batch(magic, rnd.nextBoolean() ? Compression.NONE : Compression.gzip().build(),
                            offset, n, -1, (short) -1, -1, false, -1, 1_700_000_000_000L + offset, rnd));
                    offset += n;
                }
                out.writeBytes(KafkaBatches.assortedSegment(offset, 1 + rnd.nextInt(10), seed));
            } else {
                out.writeBytes(KafkaBatches.assortedSegment(500, 1 + rnd.nextInt(30), seed));
            }
            byte[] b = out.toByteArray();
            switch (rnd.nextInt(5)) {
                case 0 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                case 1 -> {
                    for (int k = 0; k < 1 + rnd.nextInt(4); k++) b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
                case 2 -> b = Arrays.copyOf(b, b.length + rnd.nextInt(300));
                case 3 -> {
                    byte[] garbage = new byte[rnd.nextInt(200)];
                    rnd.nextBytes(garbage);
                    int at = rnd.nextInt(b.length + 1);
                    byte[] c = new byte[b.length + garbage.length];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(garbage, 0, c, at, garbage.length);
                    System.arraycopy(b, at, c, at + garbage.length, b.length - at);
                    b = c;
                }
                default -> { }
            }
            return b;
        });
    }
}
