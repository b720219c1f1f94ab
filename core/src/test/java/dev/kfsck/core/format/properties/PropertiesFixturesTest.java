package dev.kfsck.core.format.properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.format.checkpoint.FixtureFiles;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every meta.properties and partition.metadata written by a real broker in the fixtures. */
class PropertiesFixturesTest {

    @Test
    void metaProperties() throws Exception {
        assumeTrue(FixtureFiles.present(), "no fixtures");
        List<FixtureFiles.FixtureFile> files = FixtureFiles.find(n -> n.equals("meta.properties"));
        assertFalse(files.isEmpty());
        for (FixtureFiles.FixtureFile f : files) {
            byte[] bytes = f.bytes();
            Parsed<MetaPropertiesFile> p = MetaPropertiesParser.parse(f.relative(), bytes);
            assertTrue(p.findings().stream().noneMatch(x -> x.severity() == Severity.ERROR), f + ": " + p.findings());
            var k = KafkaPropertiesReader.meta(bytes);
            assertFalse(k.failed(), String.valueOf(k.failure()));
            assertEquals(k.value().nodeId(), p.model().nodeId());
            assertEquals(k.value().clusterId(), p.model().clusterId());
            assertEquals(k.value().directoryId(), p.model().directoryId());
            // our writer gives the broker's bytes once its date line is taken over
            String date = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).split("\n")[1].substring(1);
            assertArrayEquals(bytes, MetaPropertiesWriter.write(p.model(), Optional.of(date)), f.toString());

            JsonNode manifest = manifestOf(f.path());
            if (manifest != null) {
                assertEquals(manifest.path("clusterId").asText(), p.model().clusterId().orElseThrow());
                boolean known = false;
                for (JsonNode node : manifest.path("nodes")) {
                    if (node.path("nodeId").asInt() == p.model().nodeId().orElseThrow()) {
                        known = true;
                        if (node.has("directoryId")) {
                            assertEquals(Uuid.fromString(node.path("directoryId").asText()), p.model().directoryId().orElseThrow());
                        }
                    }
                }
                assertTrue(known, "node id of " + f + " is in the manifest");
            }
        }
    }

    @Test
    void partitionMetadata() throws Exception {
        assumeTrue(FixtureFiles.present(), "no fixtures");
        List<FixtureFiles.FixtureFile> files = FixtureFiles.find(n -> n.equals("partition.metadata"));
        assertFalse(files.isEmpty());
        for (FixtureFiles.FixtureFile f : files) {
            byte[] bytes = f.bytes();
            Parsed<PartitionMetadata> p = PartitionMetadataParser.parse(f.relative(), bytes);
            assertEquals(List.of(), p.findings(), f.toString());
            var k = KafkaPropertiesReader.partitionMetadata(bytes);
            assertEquals(k.value().topicId(), p.model().topicId());
            assertEquals(k.value().version(), p.model().version());
            assertArrayEquals(bytes, PartitionMetadataWriter.write(p.model()));

            String partitionDir = f.path().getParent().getFileName().toString();
            String topic = partitionDir.substring(0, partitionDir.lastIndexOf('-'));
            if (topic.equals("__cluster_metadata")) {
                assertEquals(Uuid.METADATA_TOPIC_ID, p.model().topicId());
                continue;
            }
            JsonNode manifest = manifestOf(f.path());
            if (manifest != null) {
                for (JsonNode t : manifest.path("topics")) {
                    if (t.path("name").asText().equals(topic)) {
                        assertEquals(Uuid.fromString(t.path("topicId").asText()), p.model().topicId(), f.toString());
                    }
                }
            }
        }
    }

    static JsonNode manifestOf(Path file) throws Exception {
        for (Path d = file.getParent(); d != null; d = d.getParent()) {
            Path m = d.resolve("manifest.json");
            if (Files.exists(m)) return new ObjectMapper().readTree(m.toFile());
        }
        return null;
    }
}
