package dev.kfsck.core.analysis;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.storage.internals.log.LogConfig;
import org.apache.kafka.storage.internals.log.LogSegment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link IndexedLogEnd} against Kafka's own {@code LogSegment.readNextOffset} over the real active segment of
 * {@code orders-0} (clean fixture, base 202, end 622) with garbage offset indexes: wherever kfsck says what Kafka
 * computes, Kafka computes exactly that.
 */
class IndexedLogEndTest {

    private static final Path SEGMENTS = Path.of("../testdata/fixtures/single-4.3-clean/node-1/data/orders-0");
    private static final long BASE = 202;
    private static final String NAME = "00000000000000000202";

    @TempDir
    Path tmp;

    @Test
    void intactIndexGivesTheEndInTheFiles() throws IOException {
        Path dir = segmentCopy("intact", null);
        assertEquals(kafkaEnd(dir), IndexedLogEnd.readNextOffset(dir.resolve(NAME + ".log"), dir.resolve(NAME + ".index"), BASE));
    }

    @Test
    void garbageIndexesGiveTheEndKafkaComputes() throws IOException {
        int told = 0;
        int wrong = 0;
        for (int seed = 1; seed <= 400; seed++) {
            Random r = new Random(seed);
            byte[] garbage = garbage(r);
            Path dir = segmentCopy("seed-" + seed, garbage);
            Long ours = IndexedLogEnd.readNextOffset(dir.resolve(NAME + ".log"), dir.resolve(NAME + ".index"), BASE);
            if (ours == null) continue;
            told++;
            long kafka = kafkaEnd(segmentCopy("kafka-" + seed, garbage));
            assertEquals(kafka, ours, "seed " + seed);
            if (kafka != 622) wrong++;
        }
        assertTrue(told > 200, "kfsck tells Kafka's end for most garbage: " + told);
        assertTrue(wrong > 0 && wrong < told, "both right and wrong ends occur: " + wrong + " of " + told);
    }

    /** Random entries: some with small relative offsets and positions on the real batch grid, some anywhere. */
    private static byte[] garbage(Random r) throws IOException {
        byte[] real = Files.readAllBytes(SEGMENTS.resolve(NAME + ".index"));
        int entries = r.nextInt(12);
        ByteBuffer b = ByteBuffer.allocate(entries * 8 + (r.nextInt(4) == 0 ? r.nextInt(8) : 0));
        for (int i = 0; i < entries; i++) {
            switch (r.nextInt(3)) {
                case 0 -> b.putLong(ByteBuffer.wrap(real).getLong(8 * r.nextInt(real.length / 8)));
                case 1 -> b.putInt(r.nextInt(500) - 50).putInt(r.nextInt(20_000) - 100);
                default -> b.putInt(r.nextInt()).putInt(r.nextInt());
            }
        }
        while (b.hasRemaining()) b.put((byte) r.nextInt());
        return b.array();
    }

    private Path segmentCopy(String name, byte[] index) throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(SEGMENTS), "clean fixture not present");
        Path dir = Files.createDirectories(tmp.resolve(name).resolve("orders-0"));
        for (String suffix : new String[] {".log", ".index", ".timeindex"}) {
            Files.copy(SEGMENTS.resolve(NAME + suffix), dir.resolve(NAME + suffix));
        }
        if (index != null) Files.write(dir.resolve(NAME + ".index"), index);
        return dir;
    }

    private static long kafkaEnd(Path dir) throws IOException {
        LogSegment s = LogSegment.open(dir.toFile(), BASE, new LogConfig(Map.of()), Time.SYSTEM, true, 0, false, "");
        try {
            return s.readNextOffset();
        } finally {
            s.close();
        }
    }
}
