package dev.kfsck.core.format.metadata;

import dev.kfsck.core.finding.Parsed;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.server.common.KRaftVersion;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.kfsck.core.format.metadata.KafkaLogBatches.*;
import static dev.kfsck.core.format.metadata.KafkaMetadataFiles.*;
import static org.junit.jupiter.api.Assertions.*;

/** Damage of any kind gives findings, never an exception; and what we call intact, Kafka reads the same way. */
class MetadataFuzzTest {

    static final SnapshotId ID = new SnapshotId(225, 1);
    static final String NAME = "__cluster_metadata-0/" + ID.fileName();
    static Path tmp;
    static byte[] snapshot;
    static byte[] segment;

    @BeforeContainer
    static void writeValidFiles() throws Exception {
        tmp = Files.createTempDirectory("kfsck-fuzz");
        List<org.apache.kafka.server.common.ApiMessageAndVersion> r = cluster(3);
        Path p = writeSnapshot(tmp, ID.endOffset(), ID.epoch(), KRaftVersion.KRAFT_VERSION_1, Optional.of(voters(3)),
                List.of(r.subList(0, 6), r.subList(6, r.size()), List.of(leaderChange())));
        snapshot = Files.readAllBytes(p);
        segment = concat(leaderChange(0, 1, 1), data(1, 1, r), data(1 + r.size(), 2, List.of(leaderChange())));
    }

    @AfterContainer
    static void cleanUp() throws Exception {
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }

    @Property
    void arbitraryBytesNeverThrow(@ForAll @Size(max = 2048) byte[] bytes) {
        checkNeverThrows(bytes);
    }

    @Property
    void mutatedSnapshotsNeverThrowAndIntactMeansKafkaAgrees(@ForAll("mutatedSnapshot") byte[] bytes) throws Exception {
        Parsed<MetadataSnapshot> parsed = checkNeverThrows(bytes);
        if (parsed.model().intact()) {
            Path f = Files.write(Files.createTempDirectory(tmp, "m").resolve(ID.fileName()), bytes);
            KafkaMetadataFiles.KafkaView kafka = kafkaRead(f, ID);
            assertNull(kafka.failure(), "we found nothing wrong, so Kafka must read it");
            assertEquals(kafka.dataCounts(), sorted(parsed.model().recordCounts()));
            assertEquals(kafka.topics(), topicsOf(parsed.model().content()));
        }
    }

    @Property
    void mutatedLogSegmentsNeverThrow(@ForAll("mutatedSegment") byte[] bytes) {
        Map<String, ByteBuffer> segs = new LinkedHashMap<>();
        segs.put("__cluster_metadata-0/00000000000000000000.log", ByteBuffer.wrap(bytes));
        segs.put("__cluster_metadata-0/00000000000000000100.log", ByteBuffer.wrap(segment));
        Parsed<MetadataLog> log = MetadataLogReader.parse(segs);
        assertNotNull(log.model());
        if (log.model().stoppedAt().isPresent()) {
            assertEquals(List.of("__cluster_metadata-0/00000000000000000100.log"), log.model().unreadSegments(),
                    "after damage in the first segment, recovery drops every later one");
        } else {
            assertEquals(List.of(), log.model().unreadSegments());
        }
        Parsed<MetadataSnapshot> snap = MetadataSnapshotFile.parse(NAME, snapshot);
        assertNotNull(MetadataImageBuilder.build(List.of(snap), log).model());
    }

    private static Parsed<MetadataSnapshot> checkNeverThrows(byte[] bytes) {
        Parsed<MetadataSnapshot> parsed = MetadataSnapshotFile.parse(NAME, bytes);
        assertNotNull(parsed.model());
        assertTrue(parsed.model().validBytes() <= bytes.length);
        Parsed<MetadataSnapshot> boot = MetadataSnapshotFile.parse("bootstrap.checkpoint", bytes);
        assertNotNull(boot.model());
        assertNotNull(MetadataImageBuilder.build(List.of(parsed), null).model());
        return parsed;
    }

    @Provide
    Arbitrary<byte[]> mutatedSnapshot() {
        return mutations(() -> snapshot);
    }

    @Provide
    Arbitrary<byte[]> mutatedSegment() {
        return mutations(() -> segment);
    }

    private static Arbitrary<byte[]> mutations(java.util.function.Supplier<byte[]> original) {
        Arbitrary<byte[]> flip = Combinators.combine(Arbitraries.integers().between(0, 1 << 20), Arbitraries.integers().between(1, 255))
                .as((pos, mask) -> {
                    byte[] b = original.get().clone();
                    b[pos % b.length] ^= mask.byteValue();
                    return b;
                });
        Arbitrary<byte[]> cut = Arbitraries.integers().between(0, 1 << 20)
                .map(n -> Arrays.copyOf(original.get(), n % (original.get().length + 1)));
        Arbitrary<byte[]> zeros = Combinators.combine(Arbitraries.integers().between(0, 1 << 20), Arbitraries.integers().between(1, 512))
                .as((pos, len) -> {
                    byte[] b = original.get().clone();
                    int from = pos % b.length;
                    Arrays.fill(b, from, Math.min(b.length, from + len), (byte) 0);
                    return b;
                });
        Arbitrary<byte[]> insert = Combinators.combine(Arbitraries.integers().between(0, 1 << 20), Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
                .as((pos, extra) -> {
                    byte[] o = original.get();
                    int at = pos % (o.length + 1);
                    return concat(Arrays.copyOf(o, at), extra, Arrays.copyOfRange(o, at, o.length));
                });
        return Arbitraries.oneOf(flip, cut, zeros, insert);
    }
}
