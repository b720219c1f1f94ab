package dev.kfsck.core.analysis.cluster;

import dev.kfsck.core.finding.Severity;
import dev.kfsck.testdata.corrupt.Corruption;
import dev.kfsck.testdata.corrupt.Damage;
import dev.kfsck.testdata.corrupt.Targets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster view over copies of the three-node quorum3-4.3 fixture, each copy damaged the way a cross-broker
 * incident damages it: every cross-broker finding appears, located at the right node and naming the right nodes.
 */
class ClusterViewFixtureTest {

    @TempDir
    Path tmp;

    private static List<ClusterFinding> withCode(ClusterView v, String code) {
        return v.findings().stream().filter(f -> f.codeId().equals(code)).toList();
    }

    private static ClusterFinding only(ClusterView v, String code) {
        List<ClusterFinding> fs = withCode(v, code);
        assertEquals(1, fs.size(), () -> code + " expected once in " + describe(v));
        return fs.get(0);
    }

    private static String describe(ClusterView v) {
        StringBuilder sb = new StringBuilder();
        v.findings().forEach(f -> sb.append("\n  ").append(f.nodes()).append(' ').append(f.codeId()).append(": ").append(f.finding().message()));
        return sb.toString();
    }

    private static void assertAt(ClusterFinding f, Quorum3 q, int node, String file) {
        assertEquals(node, f.node(), f.finding().message());
        assertEquals(q.dir(node).toString(), f.finding().location().logDir());
        assertEquals(file, f.finding().location().file());
    }

    @Test
    void theHealthyClusterHasNoClusterFindings() {
        Quorum3 q = new Quorum3(tmp);
        ClusterView v = q.view();
        assertEquals(List.of(), v.findings(), describe(v));
        assertEquals(3, v.nodes().size());
        v.metadataLog().logs().forEach(l -> assertTrue(l.relation() == ClusterView.Relation.SAME
                || l.relation() == ClusterView.Relation.MOST_COMPLETE));
    }

    @Test
    void quorumStateAtEpochZeroIsBehindTheOthersAndItsOwnLog() {
        Quorum3 q = new Quorum3(tmp);
        Corruption.QS_EMPTY_CLUSTER_ID_EPOCH_0.apply(q.dir(0));
        ClusterFinding f = only(q.view(), "CLUSTER-QUORUM-EPOCH-BEHIND");
        assertAt(f, q, 0, "__cluster_metadata-0/quorum-state");
        assertEquals(List.of(0, 1, 2), f.nodes());
        assertEquals(Severity.WARN, f.finding().severity(), "below its own metadata log's epoch 1");
    }

    @Test
    void quorumStateFarAheadIsNamedAndTheOthersAreNotCalledBehind() {
        Quorum3 q = new Quorum3(tmp);
        Corruption.QS_EPOCH_FAR_AHEAD.apply(q.dir(1));
        ClusterView v = q.view();
        ClusterFinding f = only(v, "CLUSTER-QUORUM-EPOCH-FAR-AHEAD");
        assertAt(f, q, 1, "__cluster_metadata-0/quorum-state");
        assertEquals(List.of(1, 0, 2), f.nodes());
        assertEquals(List.of(), withCode(v, "CLUSTER-QUORUM-EPOCH-BEHIND"), describe(v));
    }

    @Test
    void theSeedIncidentEpochsZeroAndFarAheadAreBothNamed() {
        Quorum3 q = new Quorum3(tmp);
        Corruption.QS_EMPTY_CLUSTER_ID_EPOCH_0.apply(q.dir(0));
        Corruption.QS_EPOCH_FAR_AHEAD.apply(q.dir(1));
        ClusterView v = q.view();
        assertEquals(1, only(v, "CLUSTER-QUORUM-EPOCH-FAR-AHEAD").node());
        assertEquals(0, only(v, "CLUSTER-QUORUM-EPOCH-BEHIND").node());
    }

    @Test
    void twoLeadersInOneEpochAreAConflictNamingBothSides() throws Exception {
        Quorum3 q = new Quorum3(tmp);
        Damage.replaceJsonField(q.dir(0), Targets.QUORUM_STATE, "leaderId", "0");
        ClusterFinding f = only(q.view(), "CLUSTER-LEADER-CONFLICT");
        assertAt(f, q, 0, "__cluster_metadata-0/quorum-state");
        assertEquals(List.of(0, 1, 2), f.nodes());
        assertTrue(f.finding().message().contains("epoch 1"), f.finding().message());
    }

    @Test
    void aQuorumStateWithOtherVotersIsNamed() throws Exception {
        Quorum3 q = new Quorum3(tmp);
        Path qs = q.dir(2).resolve(Targets.QUORUM_STATE);
        Edits.write(qs, Files.readString(qs).replace(",{\"voterId\":2}", ""));
        ClusterFinding f = only(q.view(), "CLUSTER-VOTERS-DIFFER");
        assertAt(f, q, 2, "__cluster_metadata-0/quorum-state");
        assertTrue(f.finding().evidence().seen().equals("[0, 1]"), f.finding().evidence().seen());
    }

    @Test
    void aMetadataLogThatLostItsTailIsBehind() throws Exception {
        Quorum3 q = new Quorum3(tmp);
        Path seg = Edits.lastSegment(q.dir(2), "__cluster_metadata-0");
        List<Targets.Batch> batches = Targets.batches(seg);
        Targets.Batch cut = batches.get(batches.size() - 2);
        Edits.truncate(seg, cut.position());
        ClusterView v = q.view();
        ClusterFinding f = only(v, "CLUSTER-METADATA-LOG-BEHIND");
        assertAt(f, q, 2, "__cluster_metadata-0");
        assertTrue(f.finding().message().contains("ends at offset " + cut.baseOffset()), f.finding().message());
        ClusterFinding most = only(v, "CLUSTER-METADATA-LOG-MOST-COMPLETE");
        assertTrue(most.node() == 0 || most.node() == 1);
        assertEquals(ClusterView.Relation.BEHIND, v.metadataLog().logs().get(2).relation());
    }

    @Test
    void aMetadataBatchWithOtherContentIsTheDivergencePoint() throws Exception {
        Quorum3 q = new Quorum3(tmp);
        Path seg = Edits.lastSegment(q.dir(1), "__cluster_metadata-0");
        List<Targets.Batch> batches = Targets.batches(seg).stream().filter(b -> b.size() > Targets.BATCH_HEADER).toList();
        Targets.Batch changed = batches.get(batches.size() / 2);
        Edits.rewriteBatchContent(seg, changed);
        ClusterView v = q.view();
        ClusterFinding f = only(v, "CLUSTER-METADATA-LOG-DIVERGED");
        assertAt(f, q, 1, "__cluster_metadata-0");
        assertEquals(List.of(1, 0), f.nodes());
        ClusterView.LogComparison c = v.metadataLog().logs().get(1);
        assertEquals(changed.baseOffset(), c.divergenceOffset());
        assertEquals(changed.baseOffset(), c.truncateTo());
        assertTrue(f.finding().message().contains("CRC"), f.finding().message());
    }

    @Test
    void aNodeThatWroteInANewerEpochAloneLeadsTheComparisonAndTheOthersDiverge() throws Exception {
        Quorum3 q = new Quorum3(tmp);
        Path seg = Edits.lastSegment(q.dir(2), "__cluster_metadata-0");
        List<Targets.Batch> batches = Targets.batches(seg);
        Targets.Batch last = batches.get(batches.size() - 1);
        Edits.setBatchEpoch(seg, last.position(), 2);
        ClusterView v = q.view();
        assertEquals(2, v.metadataLog().mostComplete());
        List<ClusterFinding> diverged = withCode(v, "CLUSTER-METADATA-LOG-DIVERGED");
        assertEquals(List.of(0, 1), diverged.stream().map(ClusterFinding::node).sorted().toList(), describe(v));
        for (ClusterFinding f : diverged) {
            assertEquals(2, f.nodes().get(1));
            assertTrue(f.finding().message().contains("at offset " + last.baseOffset()), f.finding().message());
        }
    }

    @Test
    void aReplicaThatLostAcknowledgedRecordsIsNamed() throws Exception {
        Quorum3 q = new Quorum3(tmp);
        List<Targets.Batch> batches = Edits.lastSegmentBatches(q.dir(1), "replicated-0");
        Targets.Batch cut = batches.get(batches.size() / 2);
        Edits.truncate(Edits.lastSegment(q.dir(1), "replicated-0"), cut.position());
        ClusterView v = q.view();
        ClusterFinding f = withCode(v, "CLUSTER-ACKNOWLEDGED-RECORDS-MISSING").stream()
                .filter(x -> x.finding().location().file().equals("replicated-0")).findFirst().orElseThrow(() -> new AssertionError(describe(v)));
        assertAt(f, q, 1, "replicated-0");
        assertTrue(f.finding().message().contains("ends at " + cut.baseOffset()), f.finding().message());
        ClusterView.PartitionView p = v.partitions().stream().filter(x -> x.partition().equals("replicated-0")).findFirst().orElseThrow();
        assertEquals(1, p.imageLeader(), "the manifest's leader of replicated-0");
    }

    @Test
    void aHighWatermarkBeyondEveryReplicaIsNamedAtItsCheckpoint() throws Exception {
        Quorum3 q = new Quorum3(tmp);
        Edits.setCheckpointEntry(q.dir(0).resolve("replication-offset-checkpoint"), "replicated", 2, 400);
        ClusterView v = q.view();
        ClusterFinding f = only(v, "CLUSTER-ACKNOWLEDGED-RECORDS-MISSING");
        assertAt(f, q, 0, "replication-offset-checkpoint");
        assertEquals(List.of(0, 1, 2), f.nodes());
        assertTrue(f.finding().message().contains("replicated-2") && f.finding().message().contains("400"), f.finding().message());
    }

    @Test
    void aReplicaAheadOfTheHighWatermarkIsNamed() throws Exception {
        Quorum3 q = new Quorum3(tmp);
        for (int n = 0; n < 3; n++) Edits.setCheckpointEntry(q.dir(n).resolve("replication-offset-checkpoint"), "replicated", 1, 300);
        ClusterView v = q.view();
        List<ClusterFinding> ahead = withCode(v, "CLUSTER-REPLICA-AHEAD-OF-HIGH-WATERMARK");
        assertEquals(List.of(0, 1, 2), ahead.stream().map(ClusterFinding::node).sorted().toList(), describe(v));
        ahead.forEach(f -> assertTrue(f.finding().message().contains("offsets 300..345"), f.finding().message()));
    }

    @Test
    void aFollowerWhoseLeaderMovedToANewEpochTruncatesAtThatEpochsStart() throws Exception {
        Quorum3 q = new Quorum3(tmp);
        // replicated-0 is led by node 1; it starts epoch 1 at its last batch
        Path leader = q.dir(1);
        List<Targets.Batch> batches = Edits.lastSegmentBatches(leader, "replicated-0");
        Targets.Batch last = batches.get(batches.size() - 1);
        Edits.setBatchEpoch(Edits.lastSegment(leader, "replicated-0"), last.position(), 1);
        Edits.write(leader.resolve("replicated-0/leader-epoch-checkpoint"), "0\n2\n0 0\n1 " + last.baseOffset() + "\n");
        ClusterView v = q.view();
        List<ClusterFinding> diverged = withCode(v, "CLUSTER-REPLICA-DIVERGED");
        assertEquals(List.of(0, 2), diverged.stream().map(ClusterFinding::node).sorted().toList(), describe(v));
        for (ClusterFinding f : diverged) {
            assertEquals(List.of(f.node(), 1), f.nodes());
            assertTrue(f.finding().message().contains("truncates to offset " + last.baseOffset()), f.finding().message());
        }
        ClusterView.PartitionView p = v.partitions().stream().filter(x -> x.partition().equals("replicated-0")).findFirst().orElseThrow();
        assertEquals(1, p.comparedWith());
        p.replicas().stream().filter(r -> r.nodeId() != 1).forEach(r -> assertEquals(last.baseOffset(), r.truncateTo()));
    }

    @Test
    void topicIdsAndAssignmentsAreCheckedAgainstTheMetadataImage() throws Exception {
        Quorum3 q = new Quorum3(tmp);
        Path pm = q.dir(2).resolve("replicated-2/partition.metadata");
        Edits.write(pm, Files.readString(pm).replaceAll("topic_id: \\S+", "topic_id: AAAAAAAAAAAAAAAAAAAABw"));
        Path src = q.dir(0).resolve("churn-a-0");
        Path copy = Files.createDirectories(q.dir(0).resolve("churn-a-7"));
        try (var files = Files.list(src)) {
            for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        Path gone = q.dir(2).resolve("churn-b-0");
        try (var files = Files.list(gone)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(gone);
        ClusterView v = q.view();
        ClusterFinding id = only(v, "CLUSTER-TOPIC-ID-DIFFERS");
        assertAt(id, q, 2, "replicated-2/partition.metadata");
        assertEquals("txr8IpbtRMKRMwXqr-Hw_g", id.finding().evidence().expected(), "the manifest's topic id of replicated");
        ClusterFinding stray = only(v, "CLUSTER-REPLICA-NOT-ASSIGNED");
        assertAt(stray, q, 0, "churn-a-7");
        ClusterFinding missing = only(v, "CLUSTER-REPLICA-MISSING");
        assertAt(missing, q, 2, "churn-b-0");
        assertEquals(List.of(2, 0, 1), missing.nodes());
    }

    @Test
    void identitiesAreComparedAcrossNodes() throws Exception {
        Quorum3 q = new Quorum3(tmp);
        Edits.setProperty(q.dir(1).resolve("meta.properties"), "cluster.id", "AAAAAAAAAAAAAAAAAAAAAA");
        String dirId0 = q.manifest.node(0).directoryId();
        Edits.setProperty(q.dir(2).resolve("meta.properties"), "directory.id", dirId0);
        ClusterView v = q.view();
        ClusterFinding c = only(v, "CLUSTER-ID-DIFFERS");
        assertAt(c, q, 1, "meta.properties");
        assertEquals(List.of(1, 0, 2), c.nodes());
        ClusterFinding d = only(v, "CLUSTER-DIRECTORY-ID-DUPLICATE");
        assertAt(d, q, 2, "meta.properties");
        assertEquals(List.of(2, 0), d.nodes());
    }

    @Test
    void twoNodesSharingANodeIdAreNamed() throws Exception {
        Quorum3 q = new Quorum3(tmp);
        Edits.setProperty(q.dir(2).resolve("meta.properties"), "node.id", "1");
        ClusterView v = q.view();
        ClusterFinding f = only(v, "CLUSTER-NODE-ID-DUPLICATE");
        assertEquals(q.dir(2).toString(), f.finding().location().logDir());
        assertEquals(1, f.node());
    }
}
