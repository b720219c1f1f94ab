package dev.kfsck.core.format.segment;

import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.format.segment.KafkaBatches.BatchFacts;
import dev.kfsck.core.format.segment.KafkaBatches.KafkaPrefix;
import dev.kfsck.core.io.ByteWindows;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged segments: the valid prefix matches Kafka's, holes are measured, and the scan never throws. */
class SegmentScannerDamageTest {

    private static final byte[] SEGMENT = KafkaBatches.assortedSegment(500, 25, 11);

    @TempDir
    Path dir;

    @Property
    void flippedBytesGiveKafkasValidPrefix(@ForAll("flips") List<int[]> flips) throws IOException {
        byte[] bytes = SEGMENT.clone();
        for (int[] f : flips) bytes[f[0] % bytes.length] ^= (byte) f[1];
        assertSamePrefixAsKafka(bytes, 500);
    }

    @Provide
    Arbitrary<List<int[]>> flips() {
        Arbitrary<int[]> flip = Arbitraries.integers().between(0, Integer.MAX_VALUE)
                .flatMap(pos -> Arbitraries.integers().between(1, 255).map(v -> new int[] {pos, v}));
        return flip.list().ofMinSize(1).ofMaxSize(4);
    }

    @Property
    void cutOrExtendedSegmentsGiveKafkasValidPrefix(@ForAll @IntRange(min = 0, max = 8000) int cut,
                                                    @ForAll @IntRange(min = 0, max = 5000) int zeros) throws IOException {
        byte[] bytes = Arrays.copyOf(SEGMENT, Math.max(0, SEGMENT.length - cut) + zeros);
        assertSamePrefixAsKafka(bytes, 500);
    }

    @Property
    void arbitraryBytesNeverThrowAndAgreeWithKafka(@ForAll @Size(max = 600) byte[] bytes) throws IOException {
        assertSamePrefixAsKafka(bytes, 0);
    }

    @Property
    void arbitraryBytesAfterValidBatchesNeverThrow(@ForAll @Size(max = 400) byte[] tail) throws IOException {
        byte[] bytes = Arrays.copyOf(SEGMENT, SEGMENT.length + tail.length);
        System.arraycopy(tail, 0, bytes, SEGMENT.length, tail.length);
        assertSamePrefixAsKafka(bytes, 500);
    }

    private static void assertSamePrefixAsKafka(byte[] bytes, long base) throws IOException {
        try (TempFiles tmp = new TempFiles()) {
            Path file = KafkaBatches.write(tmp.dir, base, bytes);
            KafkaPrefix kafka = KafkaBatches.kafkaPrefix(file.toFile());
            for (ScanOptions o : new ScanOptions[] {ScanOptions.full().withSource(ByteSource.READ, 256),
                    ScanOptions.full().withSource(ByteSource.MAPPED, 4096),
                    ScanOptions.full().withSource(ByteSource.READ_AHEAD, 256)}) {
                SegmentScan s = SegmentScanner.scan(file, file.getFileName().toString(), o);
                assertEquals(kafka.validBytes(), s.validBytes(), "valid prefix bytes");
                assertEquals(kafka.batches(), s.batchCount(), "valid prefix batches");
                assertEquals(kafka.lastOffset(), s.lastOffset(), "last offset before the damage");
                assertConsistent(s);
            }
            // and through the in-memory source
            SegmentScan m = SegmentScanner.scan(ByteWindows.of(bytes), file.getFileName().toString(), ScanOptions.full());
            assertEquals(kafka.validBytes(), m.validBytes());
            assertConsistent(m);
        }
    }

    static void assertConsistent(SegmentScan s) {
        assertTrue(s.validBytes() >= 0 && s.validBytes() <= s.size());
        long previousEnd = s.validBytes();
        for (Hole h : s.holes()) {
            assertTrue(h.start() >= previousEnd && h.start() < h.end() && h.end() <= s.size(), h.toString());
            assertTrue(h.runEnd() >= h.end() && h.runEnd() <= s.size(), h.toString());
            previousEnd = h.runEnd();
        }
        assertEquals(s.holes().isEmpty(), s.validBytes() == s.size());
        if (!s.holes().isEmpty()) assertEquals(s.validBytes(), s.holes().get(0).start());
    }

    // --- resynchronisation ---

    private Path segmentWithDamage(int damagedBatch, java.util.function.BiConsumer<byte[], BatchFacts> damage) throws IOException {
        Path clean = KafkaBatches.write(dir, 500, SEGMENT);
        List<BatchFacts> batches = KafkaBatches.kafkaBatches(clean);
        byte[] bytes = SEGMENT.clone();
        damage.accept(bytes, batches.get(damagedBatch));
        return KafkaBatches.write(dir, 500, bytes);
    }

    @Test
    void crcDamageInTheMiddleIsAHoleWithTheFollowingBatchesFound() throws IOException {
        List<BatchFacts> batches = KafkaBatches.kafkaBatches(KafkaBatches.write(dir, 500, SEGMENT));
        Path file = segmentWithDamage(10, (b, f) -> b[(int) f.position() + 70] ^= 1);
        SegmentScan s = SegmentScanner.scan(file, file.getFileName().toString(), ScanOptions.full());
        assertEquals(1, s.holes().size());
        Hole h = s.holes().get(0);
        assertEquals(HoleReason.CRC_MISMATCH, h.reason());
        assertEquals(batches.get(10).position(), h.start());
        assertEquals(batches.get(11).position(), h.end());
        assertEquals(batches.get(9).lastOffset() + 1, h.nextOffsetBefore());
        assertEquals(14, h.batchesAfter());
        assertEquals(batches.get(11).baseOffset(), h.firstOffsetAfter());
        assertEquals(batches.get(24).lastOffset(), h.lastOffsetAfter());
        assertEquals(SEGMENT.length, h.runEnd());
        assertEquals(h.start(), s.validBytes());
        assertEquals(batches.get(9).lastOffset() + 1, s.nextOffset());
        assertEquals(24, s.totalBatchCount());
        assertCodes(s, SegmentCodes.CRC_MISMATCH, SegmentCodes.DATA_AFTER_DAMAGE);
        SegmentIssue crc = s.issues().get(0);
        assertEquals(h.start(), crc.bytePosition());
        assertEquals(h.nextOffsetBefore(), crc.firstOffset());
    }

    @Test
    void zeroedBatchInTheMiddleIsAZeroHole() throws IOException {
        List<BatchFacts> batches = KafkaBatches.kafkaBatches(KafkaBatches.write(dir, 500, SEGMENT));
        Path file = segmentWithDamage(3, (b, f) -> Arrays.fill(b, (int) f.position(), (int) f.position() + f.size(), (byte) 0));
        SegmentScan s = SegmentScanner.scan(file, file.getFileName().toString(), ScanOptions.headersOnly());
        Hole h = s.holes().get(0);
        assertEquals(HoleReason.LENGTH_TOO_SMALL, h.reason());
        assertTrue(h.allZero());
        assertEquals(batches.get(4).position(), h.end());
        assertEquals(21, h.batchesAfter());
        assertCodes(s, SegmentCodes.BATCH_TOO_SMALL, SegmentCodes.DATA_AFTER_DAMAGE);
    }

    @Test
    void hugeLengthInTheMiddleIsABatchPastTheEnd() throws IOException {
        List<BatchFacts> batches = KafkaBatches.kafkaBatches(KafkaBatches.write(dir, 500, SEGMENT));
        for (int bad : new int[] {Integer.MAX_VALUE, 1_000_000_000}) {
            Path file = segmentWithDamage(5, (b, f) -> ByteBuffer.wrap(b).putInt((int) f.position() + 8, bad));
            SegmentScan s = SegmentScanner.scan(file, file.getFileName().toString(), ScanOptions.full());
            Hole h = s.holes().get(0);
            assertEquals(HoleReason.LENGTH_PAST_END, h.reason());
            assertEquals(batches.get(6).position(), h.end());
            assertCodes(s, SegmentCodes.BATCH_PAST_END, SegmentCodes.DATA_AFTER_DAMAGE);
        }
        Path file = segmentWithDamage(5, (b, f) -> ByteBuffer.wrap(b).putInt((int) f.position() + 8, -7));
        SegmentScan s = SegmentScanner.scan(file, file.getFileName().toString(), ScanOptions.full());
        assertEquals(HoleReason.LENGTH_TOO_SMALL, s.holes().get(0).reason());
        assertEquals(batches.get(6).position(), s.holes().get(0).end());
    }

    @Test
    void zeroTailAndTornTail() throws IOException {
        Path zero = KafkaBatches.write(dir, 500, Arrays.copyOf(SEGMENT, SEGMENT.length + 4096));
        SegmentScan z = SegmentScanner.scan(zero, zero.getFileName().toString(), ScanOptions.full());
        assertCodes(z, SegmentCodes.ZERO_TAIL);
        assertEquals(SEGMENT.length, z.validBytes());
        assertEquals(25, z.batchCount());

        Path torn = KafkaBatches.write(dir, 500, Arrays.copyOf(SEGMENT, SEGMENT.length - 10));
        SegmentScan t = SegmentScanner.scan(torn, torn.getFileName().toString(), ScanOptions.full());
        assertCodes(t, SegmentCodes.TORN_TAIL);
        assertEquals(24, t.batchCount());

        Path shortTail = KafkaBatches.write(dir, 500, Arrays.copyOf(SEGMENT, SEGMENT.length + 5));
        shortTail.toFile().setWritable(true);
        byte[] withGarbage = Arrays.copyOf(SEGMENT, SEGMENT.length + 5);
        withGarbage[SEGMENT.length + 2] = 9;
        shortTail = KafkaBatches.write(dir, 500, withGarbage);
        assertCodes(SegmentScanner.scan(shortTail, shortTail.getFileName().toString(), ScanOptions.full()), SegmentCodes.TORN_TAIL);
    }

    @Test
    void findingsOnValidButSuspiciousBatches() throws IOException {
        java.util.Random rnd = new java.util.Random(1);
        byte[] a = KafkaBatches.v2(org.apache.kafka.common.compress.Compression.NONE, 1000, 5, 7, rnd);
        byte[] b = KafkaBatches.v2(org.apache.kafka.common.compress.Compression.NONE, 1003, 5, 4, rnd); // overlaps, epoch down
        byte[] c = KafkaBatches.v2(org.apache.kafka.common.compress.Compression.NONE, 1010, 2, 7, rnd);
        c[RecordBatchView.MAGIC] = 3; // outside the CRC: Kafka still accepts the batch
        byte[] all = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        System.arraycopy(c, 0, all, a.length + b.length, c.length);
        Path file = KafkaBatches.write(dir, 990, all);
        SegmentScan s = SegmentScanner.scan(file, file.getFileName().toString(), ScanOptions.full());
        assertEquals(KafkaBatches.kafkaPrefix(file.toFile()).validBytes(), s.validBytes());
        assertCodes(s, SegmentCodes.FIRST_OFFSET_GAP, SegmentCodes.OFFSETS_BACKWARDS, SegmentCodes.EPOCH_BACKWARDS,
                SegmentCodes.UNKNOWN_MAGIC);
        assertEquals(List.of(new EpochTransitions.Entry(7, 1000)), s.epochs().entries());

        Path below = KafkaBatches.write(dir, 1001, a);
        assertCodes(SegmentScanner.scan(below, below.getFileName().toString(), ScanOptions.full()),
                SegmentCodes.FIRST_OFFSET_BELOW_BASE);
        Path far = KafkaBatches.write(dir, 1000, KafkaBatches.v2(org.apache.kafka.common.compress.Compression.NONE,
                1000 + (1L << 32), 5, 7, rnd));
        assertCodes(SegmentScanner.scan(far, far.getFileName().toString(), ScanOptions.full()),
                SegmentCodes.FIRST_OFFSET_GAP, SegmentCodes.OFFSET_OUT_OF_RANGE);
    }

    static void assertCodes(SegmentScan s, FindingCode... expected) {
        List<FindingCode> seen = s.issues().stream().map(i -> i.finding().code()).distinct().sorted(
                java.util.Comparator.comparing(FindingCode::id)).toList();
        List<FindingCode> want = Arrays.stream(expected).sorted(java.util.Comparator.comparing(FindingCode::id)).toList();
        assertEquals(want, seen, s.findings().toString());
        assertFalse(s.issues().stream().anyMatch(i -> i.finding().location().file().isEmpty()));
    }
}
