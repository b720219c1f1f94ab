package dev.kfsck.core.format.properties;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Parsed;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.storage.internals.checkpoint.PartitionMetadataFile;
import org.apache.kafka.storage.internals.log.LogDirFailureChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PartitionMetadataTest {

    static final String F = "orders-0/partition.metadata";
    static final String REAL = "version: 0\ntopic_id: AAAAAAAAAAAAAAAAAAAAAQ";

    @TempDir
    Path dir;

    static Parsed<PartitionMetadata> parse(String s) {
        return PartitionMetadataParser.parse(F, s.getBytes(StandardCharsets.UTF_8));
    }

    static List<FindingCode> codes(Parsed<?> p) {
        return p.findings().stream().map(Finding::code).toList();
    }

    @Test
    void realFile() {
        Parsed<PartitionMetadata> p = parse(REAL);
        assertEquals(List.of(), p.findings());
        assertEquals(new PartitionMetadata(0, Uuid.METADATA_TOPIC_ID), p.model());
        assertEquals(43, PartitionMetadataWriter.write(p.model()).length);
        assertArrayEquals(REAL.getBytes(StandardCharsets.UTF_8), PartitionMetadataWriter.write(p.model()));
    }

    @Test
    void emptyFileIsFatalNotOffline() {
        Parsed<PartitionMetadata> p = PartitionMetadataParser.parse(F, new byte[0]);
        assertEquals(List.of(PropertiesCodes.PM_EMPTY), codes(p));
        assertEquals(KafkaReaction.STARTUP_FATAL, p.findings().get(0).reaction());
        var k = KafkaPropertiesReader.partitionMetadata(new byte[0]);
        assertInstanceOf(NullPointerException.class, k.failure());
    }

    @Test
    void nullFilledTakesTheDirOffline() {
        Parsed<PartitionMetadata> p = PartitionMetadataParser.parse(F, new byte[43]);
        assertEquals(List.of(PropertiesCodes.PM_NULL_BYTES), codes(p));
        assertEquals(KafkaReaction.LOG_DIR_OFFLINE, p.findings().get(0).reaction());
        assertTrue(KafkaPropertiesReader.partitionMetadata(new byte[43]).dirOffline());
    }

    @Test
    void anyVersionAtLeastZeroIsAccepted() {
        Parsed<PartitionMetadata> p = parse(REAL.replace("version: 0", "version: 7"));
        assertEquals(List.of(PropertiesCodes.PM_NEWER_VERSION), codes(p));
        assertEquals(7, p.model().version());
        assertEquals(List.of(PropertiesCodes.PM_NEGATIVE_VERSION), codes(parse(REAL.replace("version: 0", "version: -1"))));
    }

    @Test
    void topicIds() {
        assertEquals(List.of(PropertiesCodes.PM_ZERO_TOPIC_ID), codes(parse("version: 0\ntopic_id: AAAAAAAAAAAAAAAAAAAAAA")));
        Parsed<PartitionMetadata> bad = parse("version: 0\ntopic_id: not!base64");
        assertEquals(List.of(PropertiesCodes.PM_BAD_TOPIC_ID), codes(bad));
        assertEquals(11, bad.findings().get(0).location().offset());
        assertEquals(KafkaReaction.STARTUP_FATAL, bad.findings().get(0).reaction());
        assertInstanceOf(IllegalArgumentException.class,
                KafkaPropertiesReader.partitionMetadata("version: 0\ntopic_id: not!base64".getBytes()).failure());
    }

    @ParameterizedTest
    @ValueSource(strings = {"version:0\ntopic_id: AAAAAAAAAAAAAAAAAAAAAQ", "version: x\ntopic_id: AAAAAAAAAAAAAAAAAAAAAQ",
            "version: 0\ntopic_id:AAAAAAAAAAAAAAAAAAAAAQ", "version: 0 \ntopic_id: AAAAAAAAAAAAAAAAAAAAAQ",
            "a: b: 0\ntopic_id: AAAAAAAAAAAAAAAAAAAAAQ"})
    void malformedLines(String s) {
        Parsed<PartitionMetadata> p = parse(s);
        assertEquals(List.of(PropertiesCodes.PM_MALFORMED_LINE), codes(p));
        assertTrue(KafkaPropertiesReader.partitionMetadata(s.getBytes()).dirOffline());
    }

    @Test
    void missingSecondLine() {
        assertEquals(List.of(PropertiesCodes.PM_NO_TOPIC_ID_LINE), codes(parse("version: 0\n")));
        assertEquals(List.of(PropertiesCodes.PM_NO_TOPIC_ID_LINE), codes(parse("version: 0")));
    }

    @Test
    void trailingDataAndOtherKeysAreInfo() {
        Parsed<PartitionMetadata> p = parse("vers: 0\ntopic_id: AAAAAAAAAAAAAAAAAAAAAQ\n\0\0garbage");
        assertEquals(List.of(PropertiesCodes.PM_UNEXPECTED_KEY, PropertiesCodes.PM_TRAILING_DATA), codes(p));
        assertEquals(Uuid.ONE_UUID, p.model().topicId());
        assertFalse(KafkaPropertiesReader.partitionMetadata("vers: 0\ntopic_id: AAAAAAAAAAAAAAAAAAAAAQ\n\0\0garbage".getBytes()).failed());
    }

    @Test
    void invalidUtf8AfterTheLinesIsStillFatalInTheFirstBlock() {
        byte[] b = Arrays.copyOf((REAL + "\n").getBytes(StandardCharsets.UTF_8), 50);
        b[45] = (byte) 0xff;
        Parsed<PartitionMetadata> p = PartitionMetadataParser.parse(F, b);
        assertEquals(List.of(PropertiesCodes.PM_INVALID_UTF8), codes(p));
        assertEquals(45, p.findings().get(0).location().offset());
        assertTrue(KafkaPropertiesReader.partitionMetadata(b).dirOffline());
    }

    @Test
    void kafkaWrittenFileParsesAndKafkaReadsOurs() throws Exception {
        Path part = Files.createDirectories(dir.resolve("orders-0"));
        Uuid id = Uuid.randomUuid();
        PartitionMetadataFile pm = new PartitionMetadataFile(part.resolve("partition.metadata").toFile(), new LogDirFailureChannel(1));
        pm.record(id);
        pm.maybeFlush();
        byte[] bytes = Files.readAllBytes(part.resolve("partition.metadata"));
        Parsed<PartitionMetadata> p = PartitionMetadataParser.parse(F, bytes);
        assertEquals(List.of(), p.findings());
        assertEquals(new PartitionMetadata(0, id), p.model());
        assertArrayEquals(bytes, PartitionMetadataWriter.write(p.model()));

        var k = KafkaPropertiesReader.partitionMetadata(PartitionMetadataWriter.write(new PartitionMetadata(3, id)));
        assertEquals(3, k.value().version());
        assertEquals(id, k.value().topicId());
    }
}
