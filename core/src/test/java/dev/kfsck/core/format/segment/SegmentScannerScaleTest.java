package dev.kfsck.core.format.segment;

import dev.kfsck.core.format.segment.KafkaBatches.BatchFacts;
import dev.kfsck.core.io.ByteWindows;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bounded allocation, hostile lengths, files over 2 GiB, and a 1 GiB segment under a 64 MiB heap. */
class SegmentScannerScaleTest {

    @TempDir
    Path dir;

    /** {@code n} copies of one small v2 batch with rising base offsets (the base offset is outside the CRC). */
    static byte[] repeatedBatches(int n, long base, int recordsPerBatch) {
        byte[] one = KafkaBatches.v2(Compression.NONE, 0, recordsPerBatch, 3, new Random(5));
        byte[] all = new byte[one.length * n];
        ByteBuffer b = ByteBuffer.wrap(all);
        for (int i = 0; i < n; i++) {
            b.put(i * one.length, one);
            b.putLong(i * one.length, base + (long) i * recordsPerBatch);
        }
        return all;
    }

    private static long allocatedBy(ThrowingRunnable r) throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        r.run();
        return mx.getThreadAllocatedBytes(id) - before;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void scanningTenThousandBatchesAllocatesAConstantAmount() throws Exception {
        Path file = KafkaBatches.write(dir, 0, repeatedBatches(10_000, 0, 2));
        Path small = KafkaBatches.write(Files.createTempDirectory(dir, "s"), 0, repeatedBatches(100, 0, 2));
        for (ScanOptions o : new ScanOptions[] {ScanOptions.full().withSource(ByteSource.READ, 0),
                ScanOptions.full().withSource(ByteSource.MAPPED, 0), ScanOptions.headersOnly().withSource(ByteSource.READ, 0),
                ScanOptions.full().withSource(ByteSource.READ, 1 << 16), ScanOptions.full().withSource(ByteSource.READ_AHEAD, 0),
                ScanOptions.full().withSource(ByteSource.READ_AHEAD, 1 << 16)}) {
            long[] count = new long[1]; // 2 records a batch
            ScanOptions counting = o.withListener(b -> count[0] += b.recordCount());
            for (int i = 0; i < 5; i++) SegmentScanner.scan(file, "00000000000000000000.log", counting); // warm up
            long big = allocatedBy(() -> SegmentScanner.scan(file, "00000000000000000000.log", counting));
            long little = allocatedBy(() -> SegmentScanner.scan(small, "00000000000000000000.log", counting));
            assertTrue(big < 64 * 1024, o + ": 10k batches allocated " + big + " bytes");
            assertTrue(big - little < 16 * 1024, o + ": 10k vs 100 batches: " + big + " vs " + little);
            assertEquals(6 * 20_000 + 200, count[0], "records counted through the listener");
        }
    }

    @Test
    void hostileLengthsAndCountsTakeBoundedTimeAndMemory() throws Exception {
        Random rnd = new Random(9);
        byte[] garbage = new byte[4 << 20];
        rnd.nextBytes(garbage);
        for (int len : new int[] {Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 1_000_000_000, 13, 48}) {
            byte[] bytes = garbage.clone();
            ByteBuffer.wrap(bytes).putInt(8, len).put(16, (byte) 2);
            Path file = KafkaBatches.write(dir, 0, bytes);
            long t0 = System.nanoTime();
            long[] alloc = new long[1];
            SegmentScan[] s = new SegmentScan[1];
            alloc[0] = allocatedBy(() -> s[0] = SegmentScanner.scan(file, file.getFileName().toString(), ScanOptions.full()));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(0, s[0].validBytes());
            assertEquals(0, s[0].batchCount());
            assertTrue(ms < 5_000, "length " + len + " took " + ms + " ms");
            assertTrue(alloc[0] < 1 << 20, "length " + len + " allocated " + alloc[0]);
            assertEquals(KafkaBatches.kafkaPrefix(file.toFile()).validBytes(), s[0].validBytes());
        }
        // a batch with a valid CRC but a record count of 10^9 and a negative one
        for (int count : new int[] {1_000_000_000, -5}) {
            byte[] b = KafkaBatches.v2(Compression.NONE, 0, 3, 0, rnd);
            ByteBuffer buf = ByteBuffer.wrap(b).putInt(RecordBatchView.RECORDS_COUNT, count);
            CRC32C crc = new CRC32C();
            crc.update(b, RecordBatchView.ATTRIBUTES, b.length - RecordBatchView.ATTRIBUTES);
            buf.putInt(RecordBatchView.CRC, (int) crc.getValue());
            Path file = KafkaBatches.write(dir, 0, b);
            SegmentScan s = SegmentScanner.scan(file, file.getFileName().toString(), ScanOptions.full());
            assertTrue(KafkaBatches.kafkaBatches(file).size() == 1 && s.batchCount() == 1);
            SegmentScannerDamageTest.assertCodes(s, SegmentCodes.BAD_RECORD_COUNT);
        }
    }

    @Test
    void sparseFileOverTwoGibScansInWindows() throws Exception {
        byte[] head = repeatedBatches(10, 0, 3);
        byte[] tail = repeatedBatches(20, 10_000, 3);
        long tailAt = (1L << 31) - 100; // straddles the 2 GiB mark (and window edges)
        long size = (1L << 31) + (1 << 20);
        Path file = dir.resolve("00000000000000000000.log");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
            raf.seek(0);
            raf.write(head);
            raf.seek(tailAt);
            raf.write(tail);
        }
        for (ScanOptions o : new ScanOptions[] {ScanOptions.full().withSource(ByteSource.MAPPED, 64 << 20),
                ScanOptions.headersOnly().withSource(ByteSource.READ, 0), ScanOptions.full().withSource(ByteSource.READ_AHEAD, 0)}) {
            List<BatchFacts> seen = new ArrayList<>();
            long t0 = System.nanoTime();
            SegmentScan s = SegmentScanner.scan(file, file.getFileName().toString(), o.withListener(b -> seen.add(KafkaBatches.facts(b))));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(size, s.size());
            assertEquals(head.length, s.validBytes());
            assertEquals(10, s.batchCount());
            assertEquals(30, s.totalBatchCount());
            assertEquals(2, s.holes().size());
            Hole gap = s.holes().get(0);
            assertEquals(head.length, gap.start());
            assertEquals(tailAt, gap.end());
            assertTrue(gap.allZero());
            assertEquals(10_000, gap.firstOffsetAfter());
            assertEquals(10_000 + 20 * 3 - 1, gap.lastOffsetAfter());
            assertEquals(tailAt + tail.length, s.holes().get(1).start());
            assertTrue(s.holes().get(1).isTail(size) && s.holes().get(1).allZero());
            assertEquals(tailAt + 5L * tail.length / 20, seen.get(15).position());
            assertEquals(10_000 + 15, seen.get(15).baseOffset());
            SegmentScannerDamageTest.assertCodes(s, SegmentCodes.TOO_LARGE, SegmentCodes.BATCH_TOO_SMALL,
                    SegmentCodes.DATA_AFTER_DAMAGE, SegmentCodes.ZERO_TAIL);
            assertTrue(ms < 60_000, o + " took " + ms + " ms");
            System.out.println("sparse 2 GiB scan " + o.source() + " " + o.mode() + ": " + ms + " ms");
        }
    }

    @Test
    void aOneGibSegmentScansUnderA64MibHeap() throws Exception {
        Path file = dir.resolve("00000000000000000000.log");
        byte[] chunk = repeatedBatches(64, 0, 100);   // about 1 MiB
        int batchSize = chunk.length / 64;
        int chunks = (int) ((1L << 30) / chunk.length);
        ByteBuffer buf = ByteBuffer.wrap(chunk);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int c = 0; c < chunks; c++) {
                for (int i = 0; i < 64; i++) buf.putLong(i * batchSize, ((long) c * 64 + i) * 100);
                buf.clear();
                while (buf.hasRemaining()) ch.write(buf);
            }
        }
        long expectedBatches = (long) chunks * 64;
        for (String source : new String[] {"MAPPED", "READ", "READ_AHEAD", "AUTO"}) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-cp", System.getProperty("java.class.path"), ScanMain.class.getName(),
                    file.toString(), source, "full").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertEquals(expectedBatches + " " + Files.size(file) + " 0", out, source);
        }
    }
}
