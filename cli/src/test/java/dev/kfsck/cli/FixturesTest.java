package dev.kfsck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The commands over log dirs written by a real Kafka 4.3.1 broker (testdata fixtures, worked on as copies). */
class FixturesTest {

    static final String SCENARIO = "single-4.3-kill";

    /** One working copy per scenario, shared by the tests of this class: none of them writes. */
    @TempDir
    static Path copies;

    private static final java.util.Map<String, Path> COPIED = new java.util.HashMap<>();

    private static synchronized Path copyOf(String scenario) {
        return COPIED.computeIfAbsent(scenario, s -> Fixtures.copy(s, copies.resolve(s)));
    }

    private Path logDir() {
        assumeTrue(Fixtures.available().contains(SCENARIO), "fixture " + SCENARIO + " is committed");
        return copyOf(SCENARIO).resolve(Fixtures.manifest(SCENARIO).firstNode().logDir());
    }

    @Test
    void checkOfARealKilledBrokerAgreesWithItsExitCodeAndSchema() throws Exception {
        Path dir = logDir();
        Cli.Result text = Cli.run("check", dir.toString());
        Cli.Result json = Cli.run("check", "--format", "json", dir.toString());
        ReportSchema.assertValid(json.out());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        long errors = doc.at("/summary/errors").asLong();
        assertEquals(errors > 0 ? ExitCodes.UNCORRECTED : ExitCodes.OK, json.exit(), json.toString());
        assertEquals(json.exit(), text.exit());
        assertEquals(json.exit(), doc.at("/summary/exitCode").asInt());
        assertTrue(text.out().contains("Summary: " + errors + " error"), text.out());
        assertEquals("", text.err());
    }

    static List<String> scenarios() {
        return Fixtures.available();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("scenarios")
    void checkAllNodesOfAScenarioAtOnce(String scenario) throws Exception {
        Path root = copyOf(scenario);
        Manifest m = Fixtures.manifest(scenario);
        List<String> args = new java.util.ArrayList<>(List.of("check", "--format", "json"));
        for (Manifest.Node n : m.nodes()) args.add(root.resolve(n.logDir()).toString());
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        ReportSchema.assertValid(r.out());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(m.nodes().size(), doc.get("dirs").size());
        assertEquals(doc.at("/summary/exitCode").asInt(), r.exit(), r.toString());
        assertTrue(r.exit() == ExitCodes.OK || r.exit() == ExitCodes.UNCORRECTED, r.toString());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("scenarios")
    void everyFileOfEveryScenarioDumps(String scenario) throws Exception {
        Path root = copyOf(scenario);
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("manifest.json")).sorted().toList();
        }
        List<String> args = new java.util.ArrayList<>(List.of("dump", "--records", "--format", "jsonl"));
        files.forEach(f -> args.add(f.toString()));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertTrue(r.exit() == ExitCodes.OK || r.exit() == ExitCodes.UNCORRECTED, r.err());
        assertEquals("", r.err());
        List<JsonNode> heads = jsonl(r).stream().filter(l -> l.get("type").asText().equals("file")).toList();
        assertEquals(files.size(), heads.size(), "one dump per file, in order");
        for (int i = 0; i < files.size(); i++) {
            assertEquals(files.get(i).toString(), heads.get(i).get("file").asText());
            if (!files.get(i).getFileName().toString().startsWith(".")) {
                // Only .lock (empty) and .kafka_cleanshutdown have no decoder of their own.
                assertFalse(heads.get(i).get("kind").asText().equals("raw"), files.get(i) + " has a decoder");
            }
        }
    }

    private static List<JsonNode> jsonl(Cli.Result r) throws Exception {
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String l : r.out().split("\n")) if (!l.isBlank()) out.add(m.readTree(l));
        return out;
    }

    @Test
    void indexEntriesPointAtBatchStartsAndSnapshotsNameTheBatchesProducers() throws Exception {
        Path dir = logDir();
        int checkedIndexes = 0;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path index : s.filter(p -> p.getFileName().toString().endsWith(".index")).sorted().toList()) {
                Path log = index.resolveSibling(index.getFileName().toString().replace(".index", ".log"));
                if (!Files.exists(log)) continue;
                java.util.Set<Long> batchStarts = new java.util.HashSet<>();
                java.util.Set<Long> producers = new java.util.HashSet<>();
                for (JsonNode l : jsonl(Cli.run("dump", "--format", "jsonl", log.toString()))) {
                    if (l.get("type").asText().equals("batch")) {
                        batchStarts.add(l.get("offset").asLong());
                        if (l.has("producerId")) producers.add(l.get("producerId").asLong());
                    }
                }
                Cli.Result idx = Cli.run("dump", "--format", "jsonl", index.toString());
                assertEquals(ExitCodes.OK, idx.exit(), idx.toString());
                for (JsonNode l : jsonl(idx)) {
                    if (l.get("type").asText().equals("entry")) {
                        assertTrue(batchStarts.contains(l.get("position").asLong()), index + " entry " + l + " is not at a batch start");
                        checkedIndexes++;
                    }
                }
                Path snapshot = index.resolveSibling(index.getFileName().toString().replace(".index", ".snapshot"));
                if (Files.exists(snapshot) && !producers.isEmpty()) {
                    Cli.Result snap = Cli.run("dump", "--format", "jsonl", snapshot.toString());
                    assertEquals(ExitCodes.OK, snap.exit(), snap.toString());
                    for (JsonNode l : jsonl(snap)) {
                        if (l.get("type").asText().equals("header")) assertTrue(l.get("crcMatches").asBoolean(), snap.out());
                    }
                }
            }
        }
        assertTrue(checkedIndexes > 0, "the fixture has index entries to compare");
    }

    @Test
    void propertiesFilesShowTheIdsTheManifestRecords() throws Exception {
        Path dir = logDir();
        Manifest m = Fixtures.manifest(SCENARIO);
        Cli.Result meta = Cli.run("dump", dir.resolve("meta.properties").toString());
        assertEquals(ExitCodes.OK, meta.exit(), meta.toString());
        assertTrue(meta.out().contains("properties version=1 nodeId=" + m.firstNode().nodeId() + " clusterId=" + m.clusterId()), meta.out());
        Manifest.Topic topic = m.topics().stream().filter(t -> !t.internal()).findFirst().orElseThrow();
        Cli.Result pm = Cli.run("dump", dir.resolve(topic.name() + "-0").resolve("partition.metadata").toString());
        assertEquals(ExitCodes.OK, pm.exit(), pm.toString());
        assertTrue(pm.out().contains("topicId=" + topic.topicId()), pm.out());
    }

    @Test
    void consumerOffsetsAndMetadataRecordsAreDecoded() throws Exception {
        Path dir = logDir();
        StringBuilder offsets = new StringBuilder();
        for (int p = 0; p < 3; p++) {
            Path log = dir.resolve("__consumer_offsets-" + p).resolve("00000000000000000000.log");
            if (Files.exists(log)) offsets.append(Cli.run("dump", "--records", log.toString()).out());
        }
        assertTrue(offsets.toString().contains("key=offset commit: group ") || offsets.toString().contains("key=group metadata: group "),
                offsets.toString());

        Path metadata = dir.resolve("__cluster_metadata-0");
        Path snapshot;
        try (Stream<Path> s = Files.list(metadata)) {
            snapshot = s.filter(p -> p.getFileName().toString().endsWith(".checkpoint")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        Cli.Result r = Cli.run("dump", "--records", "--format", "jsonl", snapshot.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        Manifest m = Fixtures.manifest(SCENARIO);
        String topic = m.topics().stream().filter(t -> !t.internal()).findFirst().orElseThrow().name();
        assertTrue(r.out().contains("\"recordType\":\"TOPIC_RECORD\""), r.out());
        assertTrue(r.out().contains("\"name\":\"" + topic + "\""), topic + "\n" + r.out());
        assertFalse(r.out().contains("\"type\":\"hole\""), r.out());
    }
}
