package dev.kfsck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kfsck cluster} over the quorum3-4.3 fixture: dirs, reports from three pods, and both mixed. */
class ClusterCommandTest {

    private static final String SCENARIO = "quorum3-4.3";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Manifest manifest() {
        return Fixtures.manifest(SCENARIO);
    }

    private List<Path> dirs() {
        Path root = Fixtures.copy(SCENARIO, tmp.resolve("q3"));
        List<Path> out = new ArrayList<>();
        for (int n = 0; n < 3; n++) out.add(root.resolve(manifest().node(n).logDir()));
        return out;
    }

    /** One pod's report: {@code kfsck check --format json DIR > node-N.json}. */
    private Path podReport(Path dir, int node) throws Exception {
        Cli.Result r = Cli.run("check", "--format", "json", dir.toString());
        Path file = tmp.resolve("node-" + node + ".json");
        Files.writeString(file, r.out());
        return file;
    }

    private static List<String> findings(Cli.Result r) throws Exception {
        JsonNode root = JSON.readTree(r.out());
        assertEquals("kfsck-cluster/1", root.path("schema").asText(), r.toString());
        List<String> out = new ArrayList<>();
        for (JsonNode f : root.path("findings")) {
            out.add(f.path("code").asText() + " " + f.path("nodes") + " " + f.path("dir").asText() + " "
                    + f.path("file").asText() + " " + f.path("message").asText());
        }
        return out;
    }

    @Test
    void aHealthyClusterExitsZeroWithNoFindings() {
        List<Path> d = dirs();
        Cli.Result r = Cli.run("cluster", "--color", "never", d.get(0).toString(), d.get(1).toString(), d.get(2).toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("no findings"), r.toString());
        assertTrue(r.out().contains("node 2"), r.toString());
    }

    @Test
    void threePodsReportsGiveTheSameFindingsAsTheThreeDirsAndMixedInputsToo() throws Exception {
        List<Path> d = dirs();
        // node 0's high-watermark checkpoint edited beyond every replica; node 1's quorum-state far ahead
        Path hw = d.get(0).resolve("replication-offset-checkpoint");
        Files.writeString(hw, Files.readString(hw).replace("replicated 2 360", "replicated 2 400"));
        Path qs = d.get(1).resolve("__cluster_metadata-0/quorum-state");
        Files.writeString(qs, Files.readString(qs).replace("\"leaderEpoch\":1,", "\"leaderEpoch\":1000000,"));

        Cli.Result together = Cli.run("cluster", "--format", "json", d.get(0).toString(), d.get(1).toString(), d.get(2).toString());
        List<Path> reports = new ArrayList<>();
        for (int n = 0; n < 3; n++) reports.add(podReport(d.get(n), n));
        Cli.Result apart = Cli.run("cluster", "--format", "json", reports.get(0).toString(), reports.get(1).toString(),
                reports.get(2).toString());
        Cli.Result mixed = Cli.run("cluster", "--format", "json", reports.get(0).toString(), d.get(1).toString(),
                reports.get(2).toString());

        List<String> expected = findings(together);
        assertTrue(expected.stream().anyMatch(f -> f.startsWith("CLUSTER-ACKNOWLEDGED-RECORDS-MISSING [0,1,2]")), expected.toString());
        assertTrue(expected.stream().anyMatch(f -> f.startsWith("CLUSTER-QUORUM-EPOCH-FAR-AHEAD [1,0,2]")), expected.toString());
        assertEquals(expected, findings(apart));
        assertEquals(expected, findings(mixed));
        assertEquals(4, together.exit(), together.toString());
        assertEquals(4, apart.exit(), apart.toString());
        assertEquals(4, mixed.exit(), mixed.toString());
    }

    @Test
    void unreadableInputsAreOperationalErrorsAndNoInputIsAUsageError() throws Exception {
        Path notAReport = Files.writeString(tmp.resolve("notes.json"), "{\"hello\": 1}");
        assertEquals(8, Cli.run("cluster", notAReport.toString()).exit());
        assertEquals(8, Cli.run("cluster", tmp.resolve("missing.json").toString()).exit());
        assertEquals(16, Cli.run("cluster").exit());
    }

    @Test
    void dumpMetadataPrintsTheImageTheAdminClientReported() throws Exception {
        Path dir = dirs().get(0);
        Cli.Result json = Cli.run("dump", "--metadata", "--format", "jsonl", dir.toString());
        assertEquals(0, json.exit(), json.toString());
        JsonNode image = JSON.readTree(json.out().lines().findFirst().orElseThrow()).path("image");
        for (Manifest.Topic t : manifest().topics()) {
            JsonNode topic = null;
            for (JsonNode x : image.path("topics")) if (x.path("name").asText().equals(t.name())) topic = x;
            assertTrue(topic != null, t.name());
            assertEquals(t.topicId(), topic.path("id").asText());
            for (Manifest.Partition p : t.partitions()) {
                JsonNode ip = topic.path("partitions").get(p.partition());
                assertEquals(p.leader(), ip.path("leader").asInt(), t.name() + "-" + p.partition());
                List<Integer> replicas = new ArrayList<>();
                ip.path("replicas").forEach(n -> replicas.add(n.asInt()));
                assertEquals(p.replicas(), replicas, t.name() + "-" + p.partition());
            }
        }
        Cli.Result text = Cli.run("dump", "--metadata", "--color", "never", dir.toString());
        assertEquals(0, text.exit(), text.toString());
        for (Manifest.Topic t : manifest().topics()) {
            assertTrue(text.out().contains(t.name() + "  id " + t.topicId()), text.out());
        }
        assertEquals(8, Cli.run("dump", "--metadata", tmp.toString()).exit());
    }
}
