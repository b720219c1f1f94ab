package dev.kfsck.core.format.properties;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.finding.Severity;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.KafkaStorageException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** Oracle properties for meta.properties and partition.metadata: Kafka's own readers decide. */
class PropertiesFormatsProperties {

    static final byte[] META = MetaPropertiesTest.REAL.getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] PM = PartitionMetadataTest.REAL.getBytes(StandardCharsets.UTF_8);

    @Property
    void metaArbitraryBytes(@ForAll @Size(max = 200) byte[] bytes) {
        checkMeta(bytes);
    }

    @Property
    void metaTextLike(@ForAll("metaText") String text) {
        checkMeta(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Property
    void metaMutations(@ForAll("mutatedMeta") byte[] bytes) {
        checkMeta(bytes);
    }

    @Property
    void pmArbitraryBytes(@ForAll @Size(max = 120) byte[] bytes) {
        checkPm(bytes);
    }

    @Property
    void pmTextLike(@ForAll("pmText") String text) {
        checkPm(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void pmMutations(@ForAll("mutatedPm") byte[] bytes) {
        checkPm(bytes);
    }

    @Property
    void metaRoundTrip(@ForAll("metaModels") MetaPropertiesFile m) {
        byte[] bytes = MetaPropertiesWriter.write(m, Optional.of("Thu Jan 01 00:00:00 UTC 1970"));
        Parsed<MetaPropertiesFile> p = MetaPropertiesParser.parse("meta.properties", bytes);
        assertFalse(p.hasErrors(), p.findings().toString());
        assertEquals(m, p.model());
        var k = KafkaPropertiesReader.meta(bytes);
        assertFalse(k.failed(), () -> String.valueOf(k.failure()));
        assertEquals(m.nodeId(), k.value().nodeId());
        assertEquals(m.clusterId(), k.value().clusterId());
        assertEquals(m.directoryId(), k.value().directoryId());
        assertEquals(m.version(), k.value().version().number());
    }

    @Property
    void pmRoundTrip(@ForAll("pmModels") PartitionMetadata m) {
        byte[] bytes = PartitionMetadataWriter.write(m);
        Parsed<PartitionMetadata> p = PartitionMetadataParser.parse("p", bytes);
        assertEquals(m, p.model());
        var k = KafkaPropertiesReader.partitionMetadata(bytes);
        assertEquals(m.version(), k.value().version());
        assertEquals(m.topicId(), k.value().topicId());
    }

    static void checkMeta(byte[] bytes) {
        long t0 = System.nanoTime();
        Parsed<MetaPropertiesFile> p = MetaPropertiesParser.parse("meta.properties", bytes);
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
        inside(p, bytes);
        var k = KafkaPropertiesReader.meta(bytes);
        assertEquals(k.failed(), p.hasErrors(), () -> k.failure() + " / " + p.findings() + " / " + Arrays.toString(bytes));
        if (!k.failed()) {
            assertEquals(k.value().nodeId(), p.model().nodeId());
            assertEquals(k.value().clusterId(), p.model().clusterId());
            assertEquals(k.value().directoryId(), p.model().directoryId());
            assertEquals(k.value().version().number(), p.model().version());
        }
    }

    static void checkPm(byte[] bytes) {
        Parsed<PartitionMetadata> p = PartitionMetadataParser.parse("p", bytes);
        inside(p, bytes);
        var k = KafkaPropertiesReader.partitionMetadata(bytes);
        assertEquals(k.failed(), p.hasErrors(), () -> k.failure() + " / " + p.findings() + " / " + Arrays.toString(bytes));
        if (k.failed()) {
            List<Finding> errors = p.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
            assertEquals(1, errors.size(), errors.toString());
            KafkaReaction expected = k.failure() instanceof KafkaStorageException ? KafkaReaction.LOG_DIR_OFFLINE
                    : KafkaReaction.STARTUP_FATAL;
            assertEquals(expected, errors.get(0).reaction(), () -> k.failure() + " / " + errors);
            assertEquals(expected == KafkaReaction.LOG_DIR_OFFLINE, k.dirOffline());
        } else {
            assertEquals(k.value().version(), p.model().version());
            assertEquals(k.value().topicId(), p.model().topicId());
        }
    }

    static void inside(Parsed<?> p, byte[] bytes) {
        for (Finding f : p.findings()) {
            long off = f.location().offset();
            if (off < 0) continue;
            assertTrue(off <= bytes.length && off + Math.max(0, f.location().length()) <= bytes.length, f.toString());
        }
    }

    @Provide
    Arbitrary<String> metaText() {
        Arbitrary<String> key = Arbitraries.of("version", "node.id", "broker.id", "cluster.id", "directory.id", "x", " node.id",
                "#node.id", "!version");
        Arbitrary<String> sep = Arbitraries.of("=", ":", " ", " = ", "\t");
        Arbitrary<String> value = Arbitraries.of("0", "1", "2", " 1", "1 ", "x", "", "-5", "2147483648", "abc",
                "X_4C-EiEUO2zeaVsFYbtjg", "AAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAQ", "X_4C-EiEUO2zeaVsFYbtjg==",
                "\\u0031", "\\u12", "1\\\n", "\0");
        Arbitrary<String> line = Combinators.combine(key, sep, value).as((k, s, v) -> k + s + v);
        return line.list().ofMaxSize(7).map(ls -> String.join("\n", ls) + "\n");
    }

    @Provide
    Arbitrary<String> pmText() {
        Arbitrary<String> l1 = Arbitraries.of("version: 0", "version: 7", "version: -1", "version:0", "version: x", "v:\t0",
                "version: 0 ", "a: b: 0", "", "version: 2147483648");
        Arbitrary<String> l2 = Arbitraries.of("topic_id: AAAAAAAAAAAAAAAAAAAAAQ", "topic_id: AAAAAAAAAAAAAAAAAAAAAA",
                "topic_id: xyz", "topic_id:AAAAAAAAAAAAAAAAAAAAAQ", "topic_id: X_4C-EiEUO2zeaVsFYbtjg==", "t:  X_4C-EiEUO2zeaVsFYbtjg",
                "", "topic_id: X_4C+EiEUO2zeaVsFYbtjg");
        Arbitrary<String> sep = Arbitraries.of("\n", "\r\n", "\r", "");
        Arbitrary<String> tail = Arbitraries.of("", "\n", "\0\0", "\ngarbage");
        return Combinators.combine(l1, sep, l2, tail).as((a, s, b, t) -> a + s + b + t);
    }

    @Provide
    Arbitrary<byte[]> mutatedMeta() {
        return mutate(META);
    }

    @Provide
    Arbitrary<byte[]> mutatedPm() {
        return mutate(PM);
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
    Arbitrary<MetaPropertiesFile> metaModels() {
        Arbitrary<String> cluster = Arbitraries.strings().ofMinLength(0).ofMaxLength(30)
                .withCharRange(' ', '~').withChars("äø✓\t=:#!\\");
        Arbitrary<Uuid> dir = Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(Uuid::new)
                .filter(u -> !(u.getMostSignificantBits() == 0 && u.getLeastSignificantBits() < 100));
        return Combinators.combine(Arbitraries.integers(), cluster, dir).as(MetaPropertiesFile::v1);
    }

    @Provide
    Arbitrary<PartitionMetadata> pmModels() {
        return Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(Uuid::new)
                        .filter(u -> !u.equals(Uuid.ZERO_UUID))).as(PartitionMetadata::new);
    }
}
