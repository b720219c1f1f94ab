package dev.kfsck.core.analysis.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.testdata.corrupt.Corruption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Reports written on three separate pods (one check per dir, written as JSON the way {@code check --format json}
 * writes facts) combine into the same cluster view as one check over the three dirs.
 */
class ReportsCombineTest {

    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** What one pod writes: a kfsck-report/1 document with the dir's path and facts. */
    private static Path writeReport(Report r, Path file) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", ReportReader.SCHEMA);
        var dirs = root.putArray("dirs");
        for (LogDirReport d : r.logDirs()) {
            ObjectNode dir = dirs.addObject();
            dir.put("path", d.dir().toString());
            dir.putArray("findings");
            dir.set("facts", JSON.valueToTree(d.facts()));
        }
        Files.writeString(file, JSON.writeValueAsString(root));
        return file;
    }

    private static List<String> summary(ClusterView v) {
        return v.findings().stream().map(f -> f.codeId() + " " + f.nodes() + " " + f.finding().severity() + " "
                + f.finding().location() + " " + f.finding().message() + " " + f.finding().evidence()).toList();
    }

    @Test
    void threePodsReportsGiveTheSameViewAsOneRunOverTheThreeDirs() throws Exception {
        Quorum3 q = new Quorum3(tmp);
        Corruption.QS_EMPTY_CLUSTER_ID_EPOCH_0.apply(q.dir(0));
        Edits.setCheckpointEntry(q.dir(0).resolve("replication-offset-checkpoint"), "replicated", 2, 400);
        Path seg = Edits.lastSegment(q.dir(2), "__cluster_metadata-0");
        var batches = dev.kfsck.testdata.corrupt.Targets.batches(seg);
        Edits.truncate(seg, batches.get(batches.size() - 2).position());
        Edits.truncate(Edits.lastSegment(q.dir(1), "replicated-1"), Edits.lastSegmentBatches(q.dir(1), "replicated-1").get(1).position());

        ClusterView together = q.view();
        List<DirFacts> fromPods = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            Path report = writeReport(LogDirChecker.check(q.dir(n)), tmp.resolve("pod-" + n + ".json"));
            fromPods.addAll(ReportReader.read(report));
        }
        ClusterView apart = ClusterView.of(fromPods);

        assertFalse(together.findings().isEmpty());
        assertEquals(summary(together), summary(apart));
        assertEquals(together.metadataLog(), apart.metadataLog());
        assertEquals(together.partitions(), apart.partitions());
        assertEquals(together.image(), apart.image());
        for (int i = 0; i < 3; i++) assertEquals(together.dirs().get(i).facts(), apart.dirs().get(i).facts());
    }

    @Test
    void aDirGivenTwiceCountsOnce() {
        Quorum3 q = new Quorum3(tmp);
        Report r = q.check();
        List<DirFacts> twice = new ArrayList<>(DirFacts.of(r));
        twice.addAll(DirFacts.of(r));
        ClusterView v = ClusterView.of(twice);
        assertEquals(3, v.dirs().size());
        assertEquals(List.of(), v.findings());
    }

    @Test
    void aFileThatIsNotAReportIsRefused() throws Exception {
        Path notJson = Files.writeString(tmp.resolve("x.json"), "{not json");
        Path otherJson = Files.writeString(tmp.resolve("y.json"), "{\"schema\":\"something/1\"}");
        assertThrows(ReportReader.NotAReportException.class, () -> ReportReader.read(notJson));
        assertThrows(ReportReader.NotAReportException.class, () -> ReportReader.read(otherJson));
    }
}
