package dev.kfsck.core.format.segment;

import dev.kfsck.core.format.segment.KafkaBatches.BatchFacts;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our batch list equals the one Kafka's {@code FileRecords} gives, on segments Kafka's own writers built. */
class SegmentScannerKafkaDifferentialTest {

    @TempDir
    Path dir;

    private static final ScanOptions[] ALL_WAYS = {
            ScanOptions.full().withSource(ByteSource.READ, 0),
            ScanOptions.full().withSource(ByteSource.READ, 4096),
            ScanOptions.full().withSource(ByteSource.MAPPED, 0),
            ScanOptions.full().withSource(ByteSource.MAPPED, 4096),
            ScanOptions.full().withSource(ByteSource.READ_AHEAD, 0),
            ScanOptions.full().withSource(ByteSource.READ_AHEAD, 4096),
            ScanOptions.headersOnly().withSource(ByteSource.READ, 0),
            ScanOptions.headersOnly().withSource(ByteSource.MAPPED, 8192)};

    @Test
    void everyCompressionControlTransactionalAndIdempotentBatchMatchesKafka() throws IOException {
        Path file = KafkaBatches.write(dir, 100, KafkaBatches.assortedSegment(100, 300, 42));
        List<BatchFacts> kafka = KafkaBatches.kafkaBatches(file);
        assertEquals(300, kafka.size());
        assertTrue(kafka.stream().anyMatch(BatchFacts::control) && kafka.stream().anyMatch(BatchFacts::transactional));
        for (int codec = 0; codec <= 4; codec++) {
            int c = codec;
            assertTrue(kafka.stream().anyMatch(b -> b.codec() == c), "codec " + c + " covered");
        }
        for (ScanOptions o : ALL_WAYS) {
            assertEquals(kafka, KafkaBatches.ourBatches(file, o), o.toString());
        }
        SegmentScan s = SegmentScanner.scan(file, file.getFileName().toString(), ScanOptions.full());
        assertTrue(s.isClean(), s.findings().toString());
        assertTrue(s.findings().isEmpty(), s.findings().toString());
        assertEquals(kafka.get(0).baseOffset(), s.firstOffset());
        assertEquals(kafka.get(kafka.size() - 1).lastOffset() + 1, s.nextOffset());
        assertTrue(s.hasControlBatches() && s.hasTransactionalBatches());
        assertEquals(4, s.producerIdCount());
        assertEquals(kafka.stream().mapToLong(BatchFacts::maxTimestamp).max().getAsLong(), s.maxTimestamp());
        assertEquals(expectedEpochs(kafka), s.epochs().entries());
    }

    @Property
    void randomSegmentsMatchKafka(@ForAll @IntRange(min = 0, max = 40) int batches,
                                  @ForAll @LongRange(min = 0, max = 1L << 40) long base,
                                  @ForAll long seed) throws IOException {
        try (TempFiles tmp = new TempFiles()) {
            checkRandomSegment(KafkaBatches.write(tmp.dir, base, KafkaBatches.assortedSegment(base, batches, seed)));
        }
    }

    private static void checkRandomSegment(Path file) throws IOException {
        List<BatchFacts> kafka = KafkaBatches.kafkaBatches(file);
        assertEquals(kafka, KafkaBatches.ourBatches(file, ScanOptions.full().withSource(ByteSource.READ, 1024)));
        SegmentScan s = SegmentScanner.scan(file, file.getFileName().toString(), ScanOptions.full());
        assertEquals(kafka.size(), s.batchCount());
        assertEquals(Files.size(file), s.validBytes());
        assertEquals(expectedEpochs(kafka), s.epochs().entries());
    }

    @Test
    void legacyMessagesMatchKafka() throws IOException {
        Random rnd = new Random(7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long offset = 0;
        for (int i = 0; i < 40; i++) {
            byte magic = i % 2 == 0 ? RecordBatch.MAGIC_VALUE_V0 : RecordBatch.MAGIC_VALUE_V1;
            Compression c = i % 3 == 0 ? Compression.gzip().build() : Compression.NONE;
            int n = c == Compression.NONE ? 1 : 1 + rnd.nextInt(5);
            out.writeBytes(KafkaBatches.batch(magic, c, offset, n, -1, (short) -1, -1, false, -1, 1_600_000_000_000L + i, rnd));
            offset += n;
        }
        out.writeBytes(KafkaBatches.v2(Compression.NONE, offset, 3, 0, rnd));
        Path file = KafkaBatches.write(dir, 0, out.toByteArray());
        List<BatchFacts> kafka = KafkaBatches.kafkaBatches(file);
        List<BatchFacts> ours = KafkaBatches.ourBatches(file, ScanOptions.full());
        assertEquals(kafka.size(), ours.size());
        for (int i = 0; i < kafka.size(); i++) {
            BatchFacts k = kafka.get(i);
            BatchFacts o = ours.get(i);
            if (k.magic() < 2 && k.codec() != 0) {
                // a compressed wrapper's first offset needs decompression; everything else must agree
                o = new BatchFacts(o.position(), o.size(), o.magic(), k.baseOffset(), o.lastOffset(), o.count(), o.epoch(),
                        o.crc(), o.producerId(), o.producerEpoch(), o.baseSequence(), o.control(), o.transactional(),
                        o.codec(), o.maxTimestamp());
            }
            assertEquals(k, o, "batch " + i);
        }
        SegmentScan s = SegmentScanner.scan(file, file.getFileName().toString(), ScanOptions.full());
        assertTrue(s.isClean(), s.findings().toString());
        assertEquals(40, s.legacyBatchCount());
    }

    @Test
    void crcVerdictAgreesWithKafkaIsValid() throws IOException {
        byte[] bytes = KafkaBatches.assortedSegment(0, 30, 3);
        List<Long> positions = new ArrayList<>();
        Path clean = KafkaBatches.write(dir, 0, bytes);
        for (BatchFacts b : KafkaBatches.kafkaBatches(clean)) positions.add(b.position());
        // damage the last byte of every third batch: Kafka's isValid() and our CRC findings must name the same batches
        List<BatchFacts> kafka = KafkaBatches.kafkaBatches(clean);
        for (int i = 0; i < kafka.size(); i += 3) {
            BatchFacts b = kafka.get(i);
            bytes[(int) (b.position() + b.size() - 1)] ^= 0x5A;
        }
        Path bad = KafkaBatches.write(Files.createTempDirectory(dir, "bad"), 0, bytes);
        List<Long> kafkaInvalid = new ArrayList<>();
        try (FileRecords fr = FileRecords.open(bad.toFile(), false)) {
            for (FileChannelRecordBatch b : fr.batches()) if (!b.isValid()) kafkaInvalid.add((long) b.position());
        }
        SegmentScan s = SegmentScanner.scan(bad, bad.getFileName().toString(), ScanOptions.full());
        List<Long> ourInvalid = s.issues().stream().filter(i -> i.finding().code() == SegmentCodes.CRC_MISMATCH)
                .map(SegmentIssue::bytePosition).toList();
        assertEquals(kafkaInvalid, ourInvalid);
        assertEquals(10, ourInvalid.size());
        assertFalse(s.isClean());
        assertEquals(kafka.size() - 10, s.totalBatchCount(), "every undamaged batch is found again after each hole");
    }

    static List<EpochTransitions.Entry> expectedEpochs(List<BatchFacts> batches) {
        List<EpochTransitions.Entry> l = new ArrayList<>();
        int latest = -1;
        for (BatchFacts b : batches) {
            if (b.magic() >= 2 && b.epoch() >= 0 && b.epoch() > latest) {
                l.add(new EpochTransitions.Entry(b.epoch(), b.baseOffset()));
                latest = b.epoch();
            }
        }
        return l;
    }
}
