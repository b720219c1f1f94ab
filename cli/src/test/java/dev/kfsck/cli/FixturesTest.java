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

    @TempDir
    Path tmp;

    private Path logDir() {
        assumeTrue(Fixtures.available().contains(SCENARIO), "fixture " + SCENARIO + " is committed");
        Path root = Fixtures.copy(SCENARIO, tmp.resolve("copy"));
        Manifest m = Fixtures.manifest(SCENARIO);
        return root.resolve(m.firstNode().logDir());
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

    @Test
    void everyFileOfARealLogDirDumpsWithoutAnOperationalError() throws Exception {
        Path dir = logDir();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(files.size() > 20, files.toString());
        for (Path f : files) {
            Cli.Result r = Cli.run("dump", "--records", f.toString());
            assertTrue(r.exit() == ExitCodes.OK || r.exit() == ExitCodes.UNCORRECTED, f + "\n" + r);
            assertEquals("", r.err(), f + "\n" + r);
            assertTrue(r.out().startsWith(f.toString()), r.out());
            if (f.getFileName().toString().endsWith(".log") && Files.size(f) > 0) {
                assertTrue(r.out().contains(" batch baseOffset="), f + "\n" + r.out());
            }
        }
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
