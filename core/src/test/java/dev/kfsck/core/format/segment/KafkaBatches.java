package dev.kfsck.core.format.segment;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.RecordBatch;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds segment bytes with Kafka's own record writers, and lists batches with Kafka's own reader. */
final class KafkaBatches {

    static final Compression[] COMPRESSIONS = {
            Compression.NONE, Compression.gzip().build(), Compression.snappy().build(),
            Compression.lz4().build(), Compression.zstd().build()};

    private KafkaBatches() {
    }

    /** One batch as Kafka writes it. */
    static byte[] batch(byte magic, Compression compression, long baseOffset, int records, long producerId,
                        short producerEpoch, int baseSequence, boolean transactional, int epoch, long timestamp, Random rnd) {
        ByteBuffer buf = ByteBuffer.allocate(1024 + records * 256);
        MemoryRecordsBuilder b = MemoryRecords.builder(buf, magic, compression, TimestampType.CREATE_TIME, baseOffset,
                timestamp, producerId, producerEpoch, baseSequence, transactional, epoch);
        for (int i = 0; i < records; i++) {
            byte[] value = new byte[rnd.nextInt(120)];
            rnd.nextBytes(value);
            b.appendWithOffset(baseOffset + i, timestamp + i, ("k" + i).getBytes(StandardCharsets.UTF_8), value);
        }
        return toBytes(b.build());
    }

    static byte[] v2(Compression compression, long baseOffset, int records, int epoch, Random rnd) {
        return batch(RecordBatch.MAGIC_VALUE_V2, compression, baseOffset, records, -1, (short) -1, -1, false, epoch,
                1_700_000_000_000L + baseOffset, rnd);
    }

    static byte[] marker(long offset, long producerId, short producerEpoch, boolean commit, int epoch) {
        return toBytes(MemoryRecords.withEndTransactionMarker(offset, 1_700_000_000_000L + offset, epoch, producerId,
                producerEpoch, new EndTransactionMarker(commit ? ControlRecordType.COMMIT : ControlRecordType.ABORT, 3)));
    }

    static byte[] toBytes(MemoryRecords records) {
        ByteBuffer b = records.buffer();
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /**
     * A segment of {@code batches} assorted batches starting at {@code baseOffset}: every compression, idempotent
     * and transactional batches with their markers, rising epochs.
     */
    static byte[] assortedSegment(long baseOffset, int batches, long seed) {
        Random rnd = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long offset = baseOffset;
        int epoch = rnd.nextInt(3);
        for (int i = 0; i < batches; i++) {
            if (rnd.nextInt(8) == 0) epoch++;
            int kind = rnd.nextInt(4);
            Compression c = COMPRESSIONS[rnd.nextInt(COMPRESSIONS.length)];
            int n = 1 + rnd.nextInt(12);
            byte[] b;
            if (kind == 0) {
                b = v2(c, offset, n, epoch, rnd);
            } else if (kind == 1) {
                b = batch(RecordBatch.MAGIC_VALUE_V2, c, offset, n, 1000 + i % 3, (short) 1, i * 20, false, epoch,
                        1_700_000_000_000L + offset, rnd);
            } else if (kind == 2) {
                b = batch(RecordBatch.MAGIC_VALUE_V2, c, offset, n, 7, (short) 2, i * 20, true, epoch,
                        1_700_000_000_000L + offset, rnd);
            } else {
                b = marker(offset, 7, (short) 2, rnd.nextBoolean(), epoch);
                n = 1;
            }
            out.writeBytes(b);
            offset += n;
        }
        return out.toByteArray();
    }

    static Path write(Path dir, long baseOffset, byte[] bytes) throws IOException {
        Path p = dir.resolve(String.format("%020d.log", baseOffset));
        Files.write(p, bytes);
        return p;
    }

    /** The per-batch facts both readers can state. */
    record BatchFacts(long position, int size, byte magic, long baseOffset, long lastOffset, int count, int epoch,
                      long crc, long producerId, short producerEpoch, int baseSequence, boolean control,
                      boolean transactional, int codec, long maxTimestamp) {
    }

    static BatchFacts facts(BatchHeader b) {
        return new BatchFacts(b.filePosition(), b.sizeInBytes(), b.magic(), b.baseOffset(), b.lastOffset(),
                b.recordCount(), b.partitionLeaderEpoch(), b.storedCrc(), b.producerId(), b.producerEpoch(),
                b.baseSequence(), b.isControl(), b.isTransactional(), b.compressionCodec(), b.maxTimestamp());
    }

    static BatchFacts facts(FileChannelRecordBatch b) {
        Integer count = b.countOrNull();
        return new BatchFacts(b.position(), b.sizeInBytes(), b.magic(), b.baseOffset(), b.lastOffset(),
                count == null ? -1 : count, b.partitionLeaderEpoch(), b.checksum(), b.producerId(), b.producerEpoch(),
                b.baseSequence(), b.isControlBatch(), b.isTransactional(), b.compressionType().id, b.maxTimestamp());
    }

    /** Kafka's view of a valid file: every batch. */
    static List<BatchFacts> kafkaBatches(Path file) throws IOException {
        List<BatchFacts> l = new ArrayList<>();
        try (FileRecords fr = FileRecords.open(file.toFile(), false)) {
            for (FileChannelRecordBatch b : fr.batches()) l.add(facts(b));
        }
        return l;
    }

    /** What recovery keeps: batches until the first one that fails {@code ensureValid()} or cannot be read. */
    record KafkaPrefix(int batches, long validBytes, long lastOffset) {
    }

    static KafkaPrefix kafkaPrefix(File file) throws IOException {
        int n = 0;
        long valid = 0;
        long last = -1;
        try (FileRecords fr = FileRecords.open(file, false)) {
            var it = fr.batches().iterator();
            while (true) {
                try {
                    if (!it.hasNext()) break;
                    FileChannelRecordBatch b = it.next();
                    b.ensureValid();
                    last = b.lastOffset();
                    valid = b.position() + b.sizeInBytes();
                    n++;
                } catch (RuntimeException e) {
                    break;
                }
            }
        }
        return new KafkaPrefix(n, valid, last);
    }

    /** Our batch list through the listener. */
    static List<BatchFacts> ourBatches(Path file, ScanOptions options) throws IOException {
        List<BatchFacts> l = new ArrayList<>();
        SegmentScanner.scan(file, file.getFileName().toString(), options.withListener(b -> l.add(facts(b))));
        return l;
    }
}
