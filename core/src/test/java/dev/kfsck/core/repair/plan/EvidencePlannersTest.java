package dev.kfsck.core.repair.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.format.metadata.ClusterMetadata;
import dev.kfsck.core.format.metadata.MetadataImageBuilder;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairExecutor;
import dev.kfsck.core.repair.RepairPlan;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import dev.kfsck.testdata.corrupt.Applied;
import dev.kfsck.testdata.corrupt.Corruption;
import dev.kfsck.testdata.corrupt.Damage;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repairs whose values come from other evidence on disk: partition.metadata, meta.properties, metadata snapshots. */
class EvidencePlannersTest {

    @TempDir
    Path tmp;

    static Path copy(String scenario, Path dest, int node) {
        Manifest m = Fixtures.manifest(scenario);
        Path root = Fixtures.copy(scenario, dest);
        return root.resolve(node < 0 ? m.firstNode().logDir() : m.node(node).logDir());
    }

    static RepairPlan.Step stepOn(RepairPlan plan, Path file) {
        return plan.steps().stream().filter(s -> s.action().path().equals(file)).findFirst()
                .orElseThrow(() -> new AssertionError("no step on " + file + ": " + plan.steps() + " / " + plan.notRepaired()));
    }

    @Test
    void partitionMetadataGetsBackTheBytesKafkaWrote() throws Exception {
        Path logDir = copy("single-4.3-kill", tmp.resolve("c"), -1);
        byte[] original = Files.readAllBytes(logDir.resolve("orders-0/partition.metadata"));
        Applied a = Corruption.PM_NULL_FILL.apply(logDir);
        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(logDir), RepairOptions.defaults(tmp.resolve("out")));
        RepairAction.WriteFile w = (RepairAction.WriteFile) stepOn(plan, a.path()).action();
        assertArrayEquals(original, w.newBytes(), "the restored file is byte for byte what the broker wrote");
        String topicId = Fixtures.manifest("single-4.3-kill").topic("orders").orElseThrow().topicId();
        assertTrue(w.why().render().contains("topic_id=" + topicId), w.why().render());
    }

    @Test
    void metaPropertiesIsRestoredFromTheOtherNodesAndTheRegistrations() throws Exception {
        Manifest m = Fixtures.manifest("quorum3-4.3");
        Path root = Fixtures.copy("quorum3-4.3", tmp.resolve("q"));
        Path[] dirs = m.nodes().stream().map(n -> root.resolve(n.logDir())).toArray(Path[]::new);
        Manifest.Node victim = m.node(1);
        Applied a = Corruption.META_PROPS_NULL_FILL.apply(root.resolve(victim.logDir()));
        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(dirs), RepairOptions.defaults(tmp.resolve("out")));
        RepairAction.WriteFile w = (RepairAction.WriteFile) stepOn(plan, a.path()).action();
        Properties p = new Properties();
        p.load(new StringReader(new String(w.newBytes(), StandardCharsets.ISO_8859_1)));
        assertEquals(Integer.toString(victim.nodeId()), p.getProperty("node.id"));
        assertEquals(m.clusterId(), p.getProperty("cluster.id"));
        assertEquals(victim.directoryId(), p.getProperty("directory.id"));
        assertEquals("1", p.getProperty("version"));
    }

    @Test
    void aCopiedDirectoryIdIsCorrectedOnTheCopyAndTheOriginalIsLeftAlone() throws Exception {
        Manifest m = Fixtures.manifest("quorum3-4.3");
        Path root = Fixtures.copy("quorum3-4.3", tmp.resolve("q"));
        Path[] dirs = m.nodes().stream().map(n -> root.resolve(n.logDir())).toArray(Path[]::new);
        byte[] original = Files.readAllBytes(dirs[0].resolve("meta.properties"));
        // broker 1's disk cloned from broker 0's: it carries broker 0's directory.id
        Damage.replaceLine(dirs[1], "meta.properties", 3, "directory.id=" + m.node(0).directoryId());
        Report report = LogDirChecker.check(dirs);
        assertTrue(report.findings().stream().anyMatch(f -> f.code().id().equals("XFILE-DUPLICATE-DIRECTORY-ID")
                && f.location().logDir().equals(dirs[0].toString())), "the original is reported too");
        RepairPlan plan = RepairPlanner.plan(report, RepairOptions.defaults(tmp.resolve("out")));

        assertTrue(plan.steps().stream().noneMatch(s -> s.action().path().equals(dirs[0].resolve("meta.properties"))),
                "broker 0's own meta.properties is not rewritten: " + plan.steps());
        assertTrue(plan.notRepaired().stream().anyMatch(u -> u.finding().location().logDir().equals(dirs[0].toString())
                && u.reason().contains("the original")), plan.notRepaired().toString());
        RepairAction.WriteFile w = (RepairAction.WriteFile) stepOn(plan, dirs[1].resolve("meta.properties")).action();
        Properties p = new Properties();
        p.load(new StringReader(new String(w.newBytes(), StandardCharsets.ISO_8859_1)));
        assertEquals(Integer.toString(m.node(1).nodeId()), p.getProperty("node.id"));
        assertEquals(m.node(1).directoryId(), p.getProperty("directory.id"));
        assertArrayEquals(original, Files.readAllBytes(dirs[0].resolve("meta.properties")));
    }

    @Test
    void aLoneDirWithAForeignDirectoryIdGetsTheRegisteredOneAndKeepsItsClusterId() throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-kill");
        Path logDir = copy("single-4.3-kill", tmp.resolve("c"), -1);
        Damage.replaceLine(logDir, "meta.properties", 3, "directory.id=ZZsHmYGaye-w2OMsgyRaFw");
        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(logDir), RepairOptions.defaults(tmp.resolve("out")));
        RepairAction.WriteFile w = (RepairAction.WriteFile) stepOn(plan, logDir.resolve("meta.properties")).action();
        Properties p = new Properties();
        p.load(new StringReader(new String(w.newBytes(), StandardCharsets.ISO_8859_1)));
        assertEquals(m.firstNode().directoryId(), p.getProperty("directory.id"));
        assertEquals(m.clusterId(), p.getProperty("cluster.id"));
        assertTrue(w.why().render().contains("meta.properties itself"), w.why().render());
    }

    @Test
    void metaPropertiesOfALoneDirIsNotGuessed() throws Exception {
        Path logDir = copy("single-4.3-kill", tmp.resolve("c"), -1);
        Corruption.META_PROPS_NULL_FILL.apply(logDir);
        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(logDir), RepairOptions.defaults(tmp.resolve("out")));
        assertTrue(plan.steps().stream().noneMatch(s -> s.action().path().endsWith("meta.properties")));
        var left = plan.notRepaired().stream().filter(u -> u.finding().location().file().equals("meta.properties")).toList();
        assertFalse(left.isEmpty());
        assertTrue(left.get(0).reason().contains("cluster ids seen: none"), left.get(0).reason());
        assertTrue(left.get(0).reason().contains("node 1 / directory " + Fixtures.manifest("single-4.3-kill").firstNode().directoryId()),
                "what is known is said: " + left.get(0).reason());
    }

    @Test
    void damagedNewestSnapshotIsMovedAsideAndTheImageIsTheSame() throws Exception {
        Path logDir = copy("single-4.3-kill", tmp.resolve("c"), -1);
        Path md = logDir.resolve("__cluster_metadata-0");
        ClusterMetadata before = MetadataImageBuilder.build(md, "__cluster_metadata-0").model();
        Applied a = Corruption.SNAPSHOT_CRC_FLIP.apply(logDir);
        Report report = LogDirChecker.check(logDir);
        RepairPlan plan = RepairPlanner.plan(report, RepairOptions.defaults(tmp.resolve("out")));
        RepairPlan.Step step = stepOn(plan, a.path());
        assertTrue(step.action() instanceof RepairAction.MoveOut);
        RepairPlan only = new RepairPlan(List.of(step), List.of());
        assertTrue(RepairExecutor.apply(only, List.of(logDir), tmp.resolve("backup")).applied());
        ClusterMetadata after = MetadataImageBuilder.build(md, "__cluster_metadata-0").model();
        assertEquals(before.topics(), after.topics());
        assertEquals(before.partitions(), after.partitions());
        assertEquals(before.brokers(), after.brokers());
    }

    @Test
    void damagedNewestSnapshotWithoutCoverNeedsAPerson() throws Exception {
        Path logDir = copy("single-4.3-kill", tmp.resolve("c"), -1);
        Path md = logDir.resolve("__cluster_metadata-0");
        Applied a = Corruption.SNAPSHOT_CRC_FLIP.apply(logDir);
        try (var s = Files.list(md)) {
            for (Path p : s.toList()) {
                if (p.toString().endsWith(".checkpoint") && !p.equals(a.path())) Files.delete(p);
            }
        }
        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(logDir), RepairOptions.defaults(tmp.resolve("out")));
        assertTrue(plan.steps().stream().noneMatch(s -> s.action().path().equals(a.path())));
        var left = plan.notRepaired().stream().filter(u -> u.finding().location().file().equals(a.file())).toList();
        assertFalse(left.isEmpty());
        assertTrue(left.get(0).reason().startsWith("needs a person"), left.get(0).reason());
    }
}
