package dev.kfsck.core.format.segment;

import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.Parsed;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.storage.internals.log.ProducerStateEntry;
import org.apache.kafka.storage.internals.log.ProducerStateManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Producer snapshots written and read by Kafka's {@code ProducerStateManager}. */
class ProducerSnapshotKafkaTest {

    @TempDir
    Path dir;

    private static byte[] kafkaSnapshot(Path dir) throws Exception {
        Map<Long, ProducerStateEntry> m = new TreeMap<>();
        Method addBatch = ProducerStateEntry.class.getDeclaredMethod("addBatch", short.class, int.class, long.class, int.class, long.class);
        addBatch.setAccessible(true);
        for (int i = 0; i < 6; i++) {
            ProducerStateEntry e = new ProducerStateEntry(100 + i, (short) (i + 1), i == 2 ? 5 : -1, 1_700_000_000_000L + i,
                    i == 3 ? OptionalLong.of(4000) : OptionalLong.empty());
            addBatch.invoke(e, (short) (i + 1), 20 * i + 9, 1000L * i + 9, 9, 1_700_000_000_000L + i);
            m.put(100L + i, e);
        }
        Path f = dir.resolve("00000000000000036276.snapshot");
        ProducerStateManager.writeSnapshot(f.toFile(), m, false);
        return Files.readAllBytes(f);
    }

    private static boolean kafkaAccepts(Path dir, byte[] bytes) throws IOException {
        Path f = Files.createTempFile(dir, "s", ".snapshot");
        Files.write(f, bytes);
        try {
            ProducerStateManager.readSnapshot(f.toFile());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void kafkasSnapshotParsesAndOurWriterGivesTheSameBytes() throws Exception {
        byte[] bytes = kafkaSnapshot(dir);
        assertEquals(10 + 6 * 46, bytes.length);
        Parsed<ProducerSnapshot> p = ProducerSnapshot.parse("x.snapshot", bytes);
        assertEquals(List.of(), p.findings());
        List<ProducerStateEntry> kafka = ProducerStateManager.readSnapshot(dir.resolve("00000000000000036276.snapshot").toFile());
        assertEquals(kafka.size(), p.model().entries().size());
        for (int i = 0; i < kafka.size(); i++) {
            ProducerStateEntry k = kafka.get(i);
            ProducerSnapshot.Entry o = p.model().entries().get(i);
            assertEquals(k.producerId(), o.producerId());
            assertEquals(k.producerEpoch(), o.epoch());
            assertEquals(k.coordinatorEpoch(), o.coordinatorEpoch());
            assertEquals(k.lastTimestamp(), o.timestamp());
            assertEquals(k.lastDataOffset(), o.lastOffset());
            assertEquals(k.batchMetadata().iterator().next().lastSeq(), o.lastSequence());
            assertEquals(k.currentTxnFirstOffset().orElse(-1), o.currentTxnFirstOffset());
        }
        assertArrayEquals(bytes, ProducerSnapshot.write(p.model().entries()));
    }

    @Test
    void damagedSnapshots() throws Exception {
        byte[] good = kafkaSnapshot(dir);
        byte[] flipped = good.clone();
        flipped[50] ^= 4;
        assertEquals(List.of(ProducerSnapshotCodes.CRC_MISMATCH), codes(flipped));
        byte[] version = good.clone();
        version[1] = 2;
        assertEquals(List.of(ProducerSnapshotCodes.UNKNOWN_VERSION), codes(version));
        byte[] hugeCount = good.clone();
        ByteBuffer.wrap(hugeCount).putInt(6, 1_000_000_000);
        assertTrue(codes(hugeCount).contains(ProducerSnapshotCodes.COUNT_MISMATCH));
        assertTrue(codes(Arrays.copyOf(good, good.length - 7)).contains(ProducerSnapshotCodes.COUNT_MISMATCH));
        assertEquals(List.of(ProducerSnapshotCodes.TRUNCATED), codes(Arrays.copyOf(good, 7)));
        for (byte[] bad : List.of(flipped, version, hugeCount, Arrays.copyOf(good, good.length - 7), Arrays.copyOf(good, 7))) {
            assertTrue(!kafkaAccepts(dir, bad));
        }
    }

    @Property
    void arbitraryBytesNeverThrowAndAgreeWithKafka(@ForAll @Size(max = 200) byte[] tail, @ForAll boolean fixCrc) throws Exception {
        try (TempFiles tmp = new TempFiles()) {
            byte[] bytes = new byte[10 + tail.length];
            ByteBuffer b = ByteBuffer.wrap(bytes).putShort((short) 1).putInt(0).putInt(tail.length / 46);
            System.arraycopy(tail, 0, bytes, 10, tail.length);
            if (fixCrc) {
                java.util.zip.CRC32C c = new java.util.zip.CRC32C();
                c.update(bytes, 6, bytes.length - 6);
                b.putInt(2, (int) c.getValue());
            }
            Parsed<ProducerSnapshot> p = ProducerSnapshot.parse("x.snapshot", bytes);
            boolean weAccept = p.findings().stream().allMatch(f -> f.code() == ProducerSnapshotCodes.TRAILING_BYTES);
            assertEquals(kafkaAccepts(tmp.dir, bytes), weAccept, p.findings().toString());
        }
    }

    private static List<FindingCode> codes(byte[] bytes) {
        return IndexKafkaTest.codes(ProducerSnapshot.parse("x.snapshot", bytes).findings());
    }
}
