package dev.kfsck.core.format.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.finding.Severity;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Over every fixture written by a real broker (testdata/fixtures/&lt;scenario&gt;/manifest.json): each snapshot decodes
 * as Kafka's RecordsSnapshotReader decodes it, and the image built offline agrees with what the running cluster
 * reported in the manifest. Nothing in the fixtures is changed.
 */
class FixtureMetadataTest {

    static final Path FIXTURES = Path.of("../testdata/fixtures");
    static final ObjectMapper JSON = new ObjectMapper();

    record Node(String scenario, JsonNode manifest, JsonNode node, Path logDir) {
        Path metadataDir() {
            return logDir.resolve("__cluster_metadata-0");
        }

        @Override
        public String toString() {
            return scenario + "/" + node.path("dir").asText();
        }
    }

    static List<Node> nodes() throws Exception {
        List<Node> out = new ArrayList<>();
        if (!Files.isDirectory(FIXTURES)) return out;
        try (Stream<Path> scenarios = Files.list(FIXTURES)) {
            for (Path s : scenarios.sorted().toList()) {
                Path manifest = s.resolve("manifest.json");
                if (!Files.isRegularFile(manifest)) continue;
                JsonNode m = JSON.readTree(manifest.toFile());
                for (JsonNode n : m.path("nodes")) {
                    Path logDir = s.resolve(n.path("logDir").asText());
                    if (Files.isDirectory(logDir.resolve("__cluster_metadata-0"))) out.add(new Node(s.getFileName().toString(), m, n, logDir));
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everySnapshotDecodesAsKafkaDecodesIt() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Node n : nodes()) {
            try (Stream<Path> files = Files.list(n.metadataDir())) {
                for (Path f : files.sorted().toList()) {
                    SnapshotName name = SnapshotName.parse(f.getFileName().toString());
                    if (name.kind() != SnapshotName.Kind.SNAPSHOT) continue;
                    tests.add(DynamicTest.dynamicTest(n + "/" + f.getFileName(), () -> {
                        Parsed<MetadataSnapshot> parsed = MetadataSnapshotFile.read("__cluster_metadata-0/" + f.getFileName(), f);
                        assertEquals(List.of(), parsed.findings());
                        MetadataSnapshot s = parsed.model();
                        KafkaMetadataFiles.KafkaView kafka = KafkaMetadataFiles.kafkaRead(f, s.id().orElseThrow());
                        assertNull(kafka.failure());
                        assertEquals(kafka.dataCounts(), KafkaMetadataFiles.sorted(s.recordCounts()));
                        assertEquals(kafka.controlCounts(), KafkaMetadataFiles.sorted(s.controlRecordCounts()));
                        assertEquals(kafka.topics(), KafkaMetadataFiles.topicsOf(s.content()));
                        assertEquals(kafka.voterIds(), s.voters().stream().map(Voter::id).toList());
                        assertTrue(s.headerFirst() && s.footerLast() && s.intact());
                    }));
                }
            }
            tests.add(DynamicTest.dynamicTest(n + "/listed snapshots", () -> {
                List<String> listed = new ArrayList<>();
                n.node().path("metadataSnapshots").forEach(x -> listed.add(x.asText() + ".checkpoint"));
                for (String name : listed) assertTrue(Files.isRegularFile(n.metadataDir().resolve(name)), name);
            }));
            Path boot = n.logDir().resolve(MetadataSnapshotFile.BOOTSTRAP_FILE);
            if (Files.isRegularFile(boot)) {
                tests.add(DynamicTest.dynamicTest(n + "/bootstrap.checkpoint", () -> {
                    Parsed<MetadataSnapshot> parsed = MetadataSnapshotFile.read(MetadataSnapshotFile.BOOTSTRAP_FILE, boot);
                    assertEquals(List.of(), parsed.findings());
                    assertTrue(parsed.model().content().metadataVersionLevel().isPresent());
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> imageAgreesWithTheManifest() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Node n : nodes()) {
            tests.add(DynamicTest.dynamicTest(n.toString(), () -> {
                Map<String, String> before = EvidenceUntouchedTest.state(n.metadataDir());
                Parsed<ClusterMetadata> parsed = MetadataImageBuilder.build(n.metadataDir(), "__cluster_metadata-0");
                assertEquals(before, EvidenceUntouchedTest.state(n.metadataDir()), "the fixture must not change");
                List<Finding> errors = parsed.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
                assertEquals(List.of(), errors);
                ClusterMetadata m = parsed.model();

                Map<String, String> expectedTopics = new TreeMap<>();
                n.manifest().path("topics").forEach(t -> expectedTopics.put(t.path("name").asText(), t.path("topicId").asText()));
                assertEquals(expectedTopics, KafkaMetadataFiles.topicsOf(m));

                for (JsonNode t : n.manifest().path("topics")) {
                    for (JsonNode p : t.path("partitions")) {
                        String where = t.path("name").asText() + "-" + p.path("partition").asInt();
                        PartitionEntry e = m.partition(t.path("name").asText(), p.path("partition").asInt()).orElseThrow(() -> new AssertionError(where));
                        assertEquals(ints(p.path("replicas")), e.replicas(), where);
                        // A clean shutdown is a controlled shutdown: the controller moves leadership off the
                        // node, and with no other replica the image records no leader (-1).
                        boolean steppedDown = e.leader() == -1 && Files.exists(n.metadataDir().getParent().resolve(".kafka_cleanshutdown"));
                        if (!steppedDown) assertEquals(p.path("leader").asInt(), e.leader(), where);
                    }
                }
                JsonNode mv = n.manifest().path("finalizedFeatures").path("metadata.version");
                if (!mv.isMissingNode()) assertEquals((short) mv.asInt(), m.metadataVersionLevel().orElseThrow());
                String dirId = n.node().path("directoryId").asText();
                int nodeId = n.node().path("nodeId").asInt();
                m.broker(nodeId).ifPresent(b -> assertTrue(b.logDirs().contains(dirId), b.logDirs() + " lacks " + dirId));
                for (PartitionEntry p : m.partitionsOn(nodeId)) {
                    if (!p.directories().isEmpty() && m.broker(nodeId).map(b -> b.logDirs().size() == 1).orElse(false)) {
                        assertEquals(dirId, p.directoryOf(nodeId), p.topic() + "-" + p.partition());
                    }
                }
                JsonNode kv = n.manifest().path("kraftVersion");
                if (!kv.isMissingNode()) assertEquals(kv.asInt(), m.kraftVersion().orElse(0));
            }));
        }
        return tests.stream();
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asInt()));
        return out;
    }
}
