package dev.kfsck.core.format.properties;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.finding.Severity;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaProperties;
import org.apache.kafka.metadata.properties.MetaPropertiesVersion;
import org.apache.kafka.metadata.properties.PropertiesUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.*;

class MetaPropertiesTest {

    static final String F = "meta.properties";
    static final String REAL = "#\n#Sat Nov 21 04:19:34 UTC 2026\nnode.id=1\ndirectory.id=X_4C-EiEUO2zeaVsFYbtjg\nversion=1\n"
            + "cluster.id=6XA9gtx0RPCeOBraUcqOTg\n";

    @TempDir
    Path dir;

    static Parsed<MetaPropertiesFile> parse(String s) {
        return MetaPropertiesParser.parse(F, s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static List<FindingCode> codes(Parsed<?> p) {
        return p.findings().stream().map(Finding::code).toList();
    }

    static boolean kafkaFails(String s) {
        return KafkaPropertiesReader.meta(s.getBytes(StandardCharsets.ISO_8859_1)).failed();
    }

    @Test
    void realFile() {
        Parsed<MetaPropertiesFile> p = parse(REAL);
        assertEquals(List.of(), p.findings());
        assertEquals(MetaPropertiesFile.v1(1, "6XA9gtx0RPCeOBraUcqOTg", Uuid.fromString("X_4C-EiEUO2zeaVsFYbtjg")), p.model());
        assertEquals(122, REAL.length());
    }

    @Test
    void trailingSpaceInNodeIdIsFatal() {
        String s = REAL.replace("node.id=1\n", "node.id=1 \n");
        Parsed<MetaPropertiesFile> p = parse(s);
        assertEquals(List.of(PropertiesCodes.META_BAD_NODE_ID), codes(p));
        assertEquals(REAL.indexOf("node.id"), p.findings().get(0).location().offset());
        assertTrue(kafkaFails(s));
        // but leading whitespace of a value is stripped by Properties.load
        assertEquals(List.of(), parse(REAL.replace("node.id=1", "node.id=   1")).findings());
    }

    @Test
    void versions() {
        assertEquals(List.of(PropertiesCodes.META_UNKNOWN_VERSION), codes(parse(REAL.replace("version=1", "version=2"))));
        assertEquals(List.of(PropertiesCodes.META_BAD_VERSION), codes(parse(REAL.replace("version=1", "version=x"))));
        assertEquals(List.of(), parse(REAL.replace("version=1", "version= 1 ")).findings(), "version is trimmed");
        assertTrue(kafkaFails(REAL.replace("version=1", "version=2")));
    }

    @Test
    void missingVersionMeansV0() {
        String v0 = "broker.id=3\ncluster.id=abc\ndirectory.id=X_4C-EiEUO2zeaVsFYbtjg\n";
        Parsed<MetaPropertiesFile> p = parse(v0);
        assertEquals(List.of(PropertiesCodes.META_LEGACY_V0), codes(p));
        assertEquals(OptionalInt.of(3), p.model().nodeId());
        assertFalse(kafkaFails(v0));
    }

    @Test
    void requiredKeysOfV1() {
        assertEquals(List.of(PropertiesCodes.META_NO_NODE_ID), codes(parse(REAL.replace("node.id=1\n", ""))));
        assertEquals(List.of(PropertiesCodes.META_NO_CLUSTER_ID), codes(parse(REAL.replace("cluster.id=6XA9gtx0RPCeOBraUcqOTg\n", ""))));
        assertTrue(kafkaFails(REAL.replace("node.id=1\n", "")));
        assertTrue(kafkaFails(REAL.replace("cluster.id=6XA9gtx0RPCeOBraUcqOTg\n", "")));
    }

    @Test
    void directoryIds() {
        Parsed<MetaPropertiesFile> reserved = parse(REAL.replace("X_4C-EiEUO2zeaVsFYbtjg", "AAAAAAAAAAAAAAAAAAAAAQ"));
        assertEquals(List.of(PropertiesCodes.META_RESERVED_DIRECTORY_ID), codes(reserved));
        assertTrue(kafkaFails(REAL.replace("X_4C-EiEUO2zeaVsFYbtjg", "AAAAAAAAAAAAAAAAAAAAAQ")));
        assertEquals(List.of(PropertiesCodes.META_BAD_DIRECTORY_ID), codes(parse(REAL.replace("X_4C-EiEUO2zeaVsFYbtjg", "xyz"))));
        assertEquals(List.of(), parse(REAL.replace("X_4C-EiEUO2zeaVsFYbtjg", "X_4C-EiEUO2zeaVsFYbtjg==")).findings(),
                "== padding is tolerated");
        Parsed<MetaPropertiesFile> none = parse(REAL.replace("directory.id=X_4C-EiEUO2zeaVsFYbtjg\n", ""));
        assertEquals(List.of(PropertiesCodes.META_NO_DIRECTORY_ID), codes(none));
        assertEquals(Severity.WARN, none.findings().get(0).severity());
    }

    @Test
    void nullFilledFileIsV0WithoutIds() {
        Parsed<MetaPropertiesFile> p = MetaPropertiesParser.parse(F, new byte[122]);
        assertEquals(List.of(PropertiesCodes.META_NULL_BYTES), codes(p));
        assertEquals(122, p.findings().get(0).location().length());
        var k = KafkaPropertiesReader.meta(new byte[122]);
        assertTrue(k.failure().getMessage().contains("node ID not found"), k.failure().toString());
    }

    @Test
    void badUnicodeEscape() {
        assertEquals(List.of(PropertiesCodes.META_BAD_ESCAPE), codes(parse(REAL + "x=\\u12\n")));
        assertTrue(kafkaFails(REAL + "x=\\u12\n"));
    }

    @Test
    void writerMatchesKafkasWriterExceptForTheDate() throws Exception {
        Uuid d = Uuid.fromString("X_4C-EiEUO2zeaVsFYbtjg");
        MetaProperties kafka = new MetaProperties.Builder().setVersion(MetaPropertiesVersion.V1)
                .setClusterId("6XA9gtx0RPCeOBraUcqOTg").setNodeId(1).setDirectoryId(d).build();
        Path file = dir.resolve("meta.properties");
        PropertiesUtils.writePropertiesFile(kafka.toProperties(), file.toString(), false);
        String kafkaText = Files.readString(file, StandardCharsets.ISO_8859_1);
        String kafkaDate = kafkaText.split("\n")[1].substring(1);

        byte[] ours = MetaPropertiesWriter.write(MetaPropertiesFile.v1(1, "6XA9gtx0RPCeOBraUcqOTg", d), Optional.of(kafkaDate));
        assertEquals(kafkaText, new String(ours, StandardCharsets.ISO_8859_1));
        assertEquals(REAL, new String(MetaPropertiesWriter.write(
                MetaPropertiesFile.v1(1, "6XA9gtx0RPCeOBraUcqOTg", d), Optional.of("Sat Nov 21 04:19:34 UTC 2026")),
                StandardCharsets.ISO_8859_1), "same key order as the broker's file");
        assertFalse(new String(MetaPropertiesWriter.write(MetaPropertiesFile.v1(1, "c", d), Optional.empty()),
                StandardCharsets.ISO_8859_1).contains("UTC"));
    }

    @Test
    void kafkaWrittenV0AndV1FilesParse() throws Exception {
        for (MetaProperties kafka : List.of(
                new MetaProperties.Builder().setVersion(MetaPropertiesVersion.V1).setClusterId("abc").setNodeId(7)
                        .setDirectoryId(Uuid.randomUuid()).build(),
                new MetaProperties.Builder().setVersion(MetaPropertiesVersion.V0).setClusterId("abc").setNodeId(2).build())) {
            Path file = dir.resolve("meta.properties");
            PropertiesUtils.writePropertiesFile(kafka.toProperties(), file.toString(), false);
            Parsed<MetaPropertiesFile> p = MetaPropertiesParser.parse(F, Files.readAllBytes(file));
            assertFalse(p.hasErrors(), p.findings().toString());
            assertEquals(kafka.version().number(), p.model().version());
            assertEquals(kafka.nodeId(), p.model().nodeId());
            assertEquals(kafka.clusterId(), p.model().clusterId());
            assertEquals(kafka.directoryId(), p.model().directoryId());
        }
    }

    @Test
    void nonAsciiClusterIdRoundTripsThroughKafkasReader() {
        MetaPropertiesFile m = MetaPropertiesFile.v1(5, "clüster-✓", Uuid.randomUuid());
        byte[] bytes = MetaPropertiesWriter.write(m, Optional.of(new Date(0).toString()));
        var k = KafkaPropertiesReader.meta(bytes);
        assertFalse(k.failed(), String.valueOf(k.failure()));
        assertEquals(Optional.of("clüster-✓"), k.value().clusterId());
        assertEquals(m, MetaPropertiesParser.parse(F, bytes).model());
    }

    @Test
    void dateLineLooksLikeDateToString() {
        assertEquals("Sat Nov 21 04:19:34 UTC 2026",
                MetaPropertiesWriter.dateLine(ZonedDateTime.of(2026, 11, 21, 4, 19, 34, 0, ZoneOffset.UTC).withZoneSameInstant(java.time.ZoneId.of("UTC"))));
    }
}
