package dev.kfsck.core.format.checkpoint;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.finding.Severity;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.common.TopicPartition;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Oracle properties: Kafka's own checkpoint classes decide, our parser must agree. */
class CheckpointProperties {

    static final byte[] OFFSETS = "0\n3\norders 0 36276\norders 1 5\n__consumer_offsets 13 0\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] EPOCHS = "0\n2\n1 0\n2 236\n".getBytes(StandardCharsets.UTF_8);

    @Property
    void arbitraryBytesAsOffsets(@ForAll @Size(max = 200) byte[] bytes) {
        checkOffsets(bytes);
    }

    @Property
    void arbitraryBytesAsEpochs(@ForAll @Size(max = 200) byte[] bytes) {
        checkEpochs(bytes);
    }

    @Property
    void textLikeOffsets(@ForAll("textLike") String text) {
        checkOffsets(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void textLikeEpochs(@ForAll("textLike") String text) {
        checkEpochs(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void mutatedOffsets(@ForAll("mutatedOffsets") byte[] bytes) {
        checkOffsets(bytes);
    }

    @Property
    void mutatedEpochs(@ForAll("mutatedEpochs") byte[] bytes) {
        checkEpochs(bytes);
    }

    @Property
    void offsetsRoundTrip(@ForAll("offsetEntries") List<OffsetEntry> entries) {
        byte[] bytes = CheckpointWriter.writeOffsets(entries);
        Parsed<OffsetCheckpoint> p = CheckpointParser.parseOffsets("f", bytes, CheckpointKind.REPLICATION_OFFSET);
        assertEquals(entries, p.model().entries());
        assertTrue(p.findings().stream().allMatch(f -> f.code() == CheckpointCodes.DUPLICATE_ENTRY));
        var k = KafkaCheckpointReader.offsets(bytes);
        assertEquals(KafkaReadOutcome.READS, k.outcome());
        Map<TopicPartition, Long> expected = new HashMap<>();
        for (OffsetEntry e : entries) expected.put(new TopicPartition(e.topic(), e.partition()), e.offset());
        assertEquals(expected, k.value());
    }

    @Property
    void epochsRoundTrip(@ForAll("epochEntries") List<EpochEntry> entries) {
        byte[] bytes = CheckpointWriter.writeEpochs(entries);
        Parsed<LeaderEpochCheckpoint> p = CheckpointParser.parseLeaderEpochs("f", bytes, CheckpointKind.LEADER_EPOCH);
        assertEquals(entries, p.model().entries());
        var k = KafkaCheckpointReader.epochs(bytes);
        assertEquals(entries, KafkaCheckpointReader.map(k.value(), e -> new EpochEntry(e.epoch(), e.startOffset())));
    }

    static void checkOffsets(byte[] bytes) {
        Parsed<OffsetCheckpoint> p = timed(() -> CheckpointParser.parseOffsets("f", bytes, CheckpointKind.RECOVERY_POINT));
        inside(p, bytes);
        if (hugeCount(p.model().declaredCount().orElse(0))) return;
        var k = KafkaCheckpointReader.offsets(bytes);
        assertEquals(k.outcome(), p.model().kafkaRead(), () -> k.failure() + " / " + p.findings() + " / " + Arrays.toString(bytes));
        agreeOnSeverity(k.outcome(), p);
        if (k.outcome() == KafkaReadOutcome.READS) {
            Map<TopicPartition, Long> ours = new HashMap<>();
            for (OffsetEntry e : p.model().entries()) ours.put(new TopicPartition(e.topic(), e.partition()), e.offset());
            assertEquals(k.value(), ours);
        }
    }

    static void checkEpochs(byte[] bytes) {
        Parsed<LeaderEpochCheckpoint> p = timed(() -> CheckpointParser.parseLeaderEpochs("f", bytes, CheckpointKind.LEADER_EPOCH));
        inside(p, bytes);
        if (hugeCount(p.model().declaredCount().orElse(0))) return;
        var k = KafkaCheckpointReader.epochs(bytes);
        assertEquals(k.outcome(), p.model().kafkaRead(), () -> k.failure() + " / " + p.findings() + " / " + Arrays.toString(bytes));
        if (k.outcome() != KafkaReadOutcome.READS) {
            assertTrue(p.hasErrors(), () -> "Kafka failed (" + k.failure() + ") but no ERROR: " + p.findings());
        } else {
            assertEquals(KafkaCheckpointReader.map(k.value(), e -> new EpochEntry(e.epoch(), e.startOffset())), p.model().entries());
        }
    }

    /** Kafka pre-allocates by the count line; the oracle would run out of memory, so such cases only test us. */
    static boolean hugeCount(int count) {
        return count > 1_000_000;
    }

    static void agreeOnSeverity(KafkaReadOutcome kafka, Parsed<OffsetCheckpoint> p) {
        if (kafka == KafkaReadOutcome.FAILS_IO) {
            assertTrue(p.hasErrors(), () -> "Kafka failed with an IOException but no ERROR: " + p.findings());
        } else if (kafka == KafkaReadOutcome.FAILS_OTHER) {
            assertTrue(p.hasErrors() || p.findings().stream().anyMatch(f -> f.code() == CheckpointCodes.BAD_NUMBER),
                    () -> "Kafka failed with a non-IO exception but nothing says so: " + p.findings());
        }
    }

    static <T> Parsed<T> timed(java.util.function.Supplier<Parsed<T>> parse) {
        long t0 = System.nanoTime();
        Parsed<T> p = parse.get();
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "parse took too long");
        assertTrue(p.findings().size() <= CheckpointParser.MAX_FINDINGS + 20);
        return p;
    }

    static void inside(Parsed<?> p, byte[] bytes) {
        for (Finding f : p.findings()) {
            long off = f.location().offset();
            if (off < 0) continue;
            assertTrue(off <= bytes.length && off + Math.max(0, f.location().length()) <= bytes.length, f.toString());
        }
    }

    @Provide
    Arbitrary<String> textLike() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("0", "1", "2", "-1", "", " ", "orders 0 5", "orders\t1\t7", " orders 0 5", "orders 0 5 ",
                        "orders x 0", "orders 0 x", "1 0", "2 236", "-1 0", "x 0", "1 y", " 1 0", "1 0 7", "2147483648 0",
                        "\u0663 0", "orders 0 9223372036854775808", "+1 +2", "a b c d"),
                Arbitraries.strings().withChars("0123456789 -\tax").ofMaxLength(8));
        Arbitrary<String> sep = Arbitraries.of("\n", "\n", "\n", "\r\n", "\r");
        return Combinators.combine(line, sep).as((l, s) -> l + s).list().ofMaxSize(7)
                .map(ls -> String.join("", ls))
                .flatMap(s -> Arbitraries.of("", "\n", "\0\0", "x").map(t -> s + t));
    }

    @Provide
    Arbitrary<byte[]> mutatedOffsets() {
        return mutate(OFFSETS);
    }

    @Provide
    Arbitrary<byte[]> mutatedEpochs() {
        return mutate(EPOCHS);
    }

    static Arbitrary<byte[]> mutate(byte[] base) {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(1, 40), Arbitraries.integers().between(0, 7)).as((kind, pos, len, bit) -> {
            byte[] c = base.clone();
            int at = pos % c.length;
            switch (kind) {
                case 0 -> c[at] ^= (byte) (1 << bit);
                case 1 -> c = Arrays.copyOf(c, at);
                case 2 -> Arrays.fill(c, at, Math.min(c.length, at + len), (byte) 0);
                case 3 -> c = Arrays.copyOf(c, c.length + len);
                default -> c[at] = (byte) (0x80 | bit << 4);
            }
            return c;
        });
    }

    @Provide
    Arbitrary<List<OffsetEntry>> offsetEntries() {
        Arbitrary<String> topic = Arbitraries.strings().withChars("abcxyz._-0123456789").ofMinLength(1).ofMaxLength(20);
        return Combinators.combine(topic, Arbitraries.integers().greaterOrEqual(0), Arbitraries.longs())
                .as(OffsetEntry::new).list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<EpochEntry>> epochEntries() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.longs()).as(EpochEntry::new).list().ofMaxSize(20);
    }
}
