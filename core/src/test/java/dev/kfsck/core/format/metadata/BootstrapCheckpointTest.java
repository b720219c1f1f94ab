package dev.kfsck.core.format.metadata;

import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.finding.Severity;
import org.apache.kafka.common.metadata.NoOpRecord;
import org.apache.kafka.metadata.bootstrap.BootstrapDirectory;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.util.BatchFileWriter;
import org.apache.kafka.server.common.ApiMessageAndVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.kfsck.core.format.metadata.KafkaMetadataFiles.MV;
import static org.junit.jupiter.api.Assertions.*;

class BootstrapCheckpointTest {

    @TempDir
    Path dir;

    private Path kafkaBootstrap() throws Exception {
        Path d = Files.createDirectories(dir.resolve("fmt"));
        new BootstrapDirectory(d.toString()).writeBinaryFile(BootstrapMetadata.fromVersion(MV, "kfsck test"));
        return d.resolve(MetadataSnapshotFile.BOOTSTRAP_FILE);
    }

    private static Parsed<MetadataSnapshot> parse(byte[] bytes) {
        return MetadataSnapshotFile.parse(MetadataSnapshotFile.BOOTSTRAP_FILE, bytes);
    }

    private static List<String> codes(Parsed<?> p) {
        return p.findings().stream().map(f -> f.code().id()).toList();
    }

    /** What Kafka's own bootstrap loader reads from a copy, or the exception it throws. */
    private Object kafkaRead(byte[] bytes) throws Exception {
        Path d = Files.createTempDirectory(dir, "kafka");
        Files.write(d.resolve(MetadataSnapshotFile.BOOTSTRAP_FILE), bytes);
        try {
            return new BootstrapDirectory(d.toString()).read();
        } catch (Exception e) {
            return e;
        }
    }

    @Test
    void kafkaWrittenBootstrapIsCleanAndHasTheSameRecords() throws Exception {
        byte[] bytes = Files.readAllBytes(kafkaBootstrap());
        Parsed<MetadataSnapshot> parsed = parse(bytes);
        assertEquals(List.of(), parsed.findings());
        MetadataSnapshot s = parsed.model();
        assertTrue(s.bootstrap() && s.id().isEmpty() && s.intact());
        BootstrapMetadata kafka = (BootstrapMetadata) kafkaRead(bytes);
        assertEquals(kafka.records().size(), s.dataRecords());
        assertEquals(MV.featureLevel(), s.content().metadataVersionLevel().orElseThrow());
        assertEquals(kafka.metadataVersion().version(), s.content().metadataVersion().orElseThrow());
        assertTrue(s.batches().stream().allMatch(b -> b.partitionLeaderEpoch() == 0));
    }

    @Test
    void nullBytesAreFatalAsInKafka() throws Exception {
        byte[] zeros = new byte[(int) Files.size(kafkaBootstrap())];
        Parsed<MetadataSnapshot> parsed = parse(zeros);
        assertEquals(List.of("BOOT-NULL-BYTES"), codes(parsed));
        assertEquals(KafkaReaction.STARTUP_FATAL, parsed.findings().get(0).reaction());
        assertInstanceOf(Exception.class, kafkaRead(zeros));
    }

    @Test
    void crcMismatchIsOnlyAWarningBecauseKafkaDoesNotCheckIt() throws Exception {
        byte[] bytes = Files.readAllBytes(kafkaBootstrap());
        MetadataSnapshot clean = parse(bytes).model();
        BatchInfo data = clean.batches().stream().filter(b -> !b.control()).findFirst().orElseThrow();
        bytes[(int) data.position() + 17] ^= 1; // the stored CRC itself
        Parsed<MetadataSnapshot> parsed = parse(bytes);
        assertEquals(List.of("BOOT-CRC-MISMATCH"), codes(parsed));
        assertEquals(Severity.WARN, parsed.findings().get(0).severity());
        assertInstanceOf(BootstrapMetadata.class, kafkaRead(bytes), "Kafka reads it without complaint");
        assertEquals(clean.dataRecords(), parsed.model().dataRecords(), "records still decoded, as Kafka does");
    }

    @Test
    void withoutMetadataVersionKafkaFailsAndSoDoWe() throws Exception {
        Path f = dir.resolve("nomv.checkpoint");
        try (BatchFileWriter w = BatchFileWriter.open(f)) {
            w.append(new ApiMessageAndVersion(new NoOpRecord(), (short) 0));
        }
        byte[] bytes = Files.readAllBytes(f);
        assertEquals(List.of("BOOT-MISSING-METADATA-VERSION"), codes(parse(bytes)));
        assertInstanceOf(Exception.class, kafkaRead(bytes));
    }

    @Test
    void garbageInsideARecordIsCorrupt() throws Exception {
        byte[] bytes = Files.readAllBytes(kafkaBootstrap());
        MetadataSnapshot clean = parse(bytes).model();
        BatchInfo data = clean.batches().stream().filter(b -> !b.control()).findFirst().orElseThrow();
        Arrays.fill(bytes, (int) data.position() + 61, (int) data.position() + data.sizeInBytes(), (byte) 0xff);
        Parsed<MetadataSnapshot> parsed = parse(bytes);
        assertTrue(codes(parsed).contains("BOOT-CORRUPT"), codes(parsed).toString());
        assertInstanceOf(Exception.class, kafkaRead(bytes));
    }

    @Test
    void recordCountsNameKafkaRecordTypes() throws Exception {
        Map<String, Integer> counts = parse(Files.readAllBytes(kafkaBootstrap())).model().recordCounts();
        assertTrue(counts.get("FEATURE_LEVEL_RECORD") >= 1, counts.toString());
    }
}
