package dev.kfsck.core.repair.plan;

import static dev.kfsck.core.repair.plan.EvidencePlannersTest.stepOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.format.quorum.QuorumCodes;
import dev.kfsck.core.format.quorum.QuorumStateParser;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairPlan;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import dev.kfsck.testdata.corrupt.Damage;
import dev.kfsck.core.repair.plan.trips.ProvesRepairOf;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.raft.ElectionState;
import org.apache.kafka.raft.FileQuorumStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quorum-state and meta.properties repairs that need no peer broker to check: what Kafka's own
 * {@link FileQuorumStateStore} reads from the written quorum-state, and the identity written to meta.properties.
 */
class QuorumAndMetaPlannersTest {

    private static final String QS = "__cluster_metadata-0/quorum-state";

    @TempDir
    Path tmp;

    @Test
    void anOddDataVersionIsRewrittenWithTheStateKafkaReadsFromIt() throws Exception {
        Manifest m = Fixtures.manifest("quorum3-4.3");
        Path root = Fixtures.copy("quorum3-4.3", tmp.resolve("q"));
        Path[] dirs = m.nodes().stream().map(n -> root.resolve(n.logDir())).toArray(Path[]::new);
        ElectionState before = kafkaReads(Files.readAllBytes(dirs[0].resolve(QS)));
        Damage.replaceJsonField(dirs[0], QS, "data_version", "0.0");
        assertEquals(before, kafkaReads(Files.readAllBytes(dirs[0].resolve(QS))), "Kafka reads 0.0 as data_version 0");

        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(dirs), RepairOptions.defaults(tmp.resolve("out")));
        RepairAction.WriteFile w = (RepairAction.WriteFile) stepOn(plan, dirs[0].resolve(QS)).action();
        assertEquals(before, kafkaReads(w.newBytes()), "leader, epoch and vote are kept");
        assertTrue(new String(w.newBytes(), StandardCharsets.UTF_8).contains("\"data_version\":0}"));
    }

    @Test
    void aMissingQuorumStateIsWrittenOneEpochAboveEverythingOnDiskWithoutVote() throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-kill");
        Path dir = Fixtures.copy("single-4.3-kill", tmp.resolve("k")).resolve(m.firstNode().logDir());
        Damage.remove(dir, QS);

        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(dir), RepairOptions.defaults(tmp.resolve("out")));
        ElectionState written = kafkaReads(((RepairAction.WriteFile) stepOn(plan, dir.resolve(QS)).action()).newBytes());
        assertEquals(m.quorum().leaderEpoch() + 1, written.epoch());
        assertFalse(written.hasLeader());
        assertFalse(written.hasVoted());
    }

    /** A node taken out of the voter set (here: renamed to node 7) that still holds its own candidacy vote. */
    @Test
    @ProvesRepairOf("XFILE-QS-VOTED-SELF-NOT-VOTER")
    void aVoteForItselfByANonVoterIsDropped() throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-kill");
        Path dir = Fixtures.copy("single-4.3-kill", tmp.resolve("v")).resolve(m.firstNode().logDir());
        Damage.replaceLine(dir, "meta.properties", lineOf(dir.resolve("meta.properties"), "node.id="), "node.id=7");
        Damage.replaceJsonField(dir, QS, "leaderId", "-1");
        Damage.replaceJsonField(dir, QS, "votedId", "7");

        Report report = LogDirChecker.check(dir);
        assertTrue(report.findings().stream().anyMatch(f -> f.code().id().equals("XFILE-QS-VOTED-SELF-NOT-VOTER")), report.findings().toString());
        RepairPlan plan = RepairPlanner.plan(report, RepairOptions.defaults(tmp.resolve("out")));
        RepairPlan.Step step = stepOn(plan, dir.resolve(QS));
        assertTrue(step.resolves().stream().anyMatch(f -> f.code().id().equals("XFILE-QS-VOTED-SELF-NOT-VOTER")));
        ElectionState written = kafkaReads(((RepairAction.WriteFile) step.action()).newBytes());
        assertFalse(written.hasVoted());
        assertTrue(written.epoch() >= m.quorum().leaderEpoch(), "the epoch is never lowered: " + written.epoch());
    }

    @Test
    void aMetaPropertiesWithoutDirectoryIdGetsTheRegisteredOneAndKeepsItsOwnValues() throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-kill");
        Path dir = Fixtures.copy("single-4.3-kill", tmp.resolve("d")).resolve(m.firstNode().logDir());
        Path meta = dir.resolve("meta.properties");
        Files.writeString(meta, Files.readString(meta).replaceAll("directory\\.id=.*\\R", ""));

        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(dir), RepairOptions.defaults(tmp.resolve("out")));
        Properties p = properties(((RepairAction.WriteFile) stepOn(plan, meta).action()).newBytes());
        assertEquals(m.firstNode().directoryId(), p.getProperty("directory.id"));
        assertEquals(Integer.toString(m.firstNode().nodeId()), p.getProperty("node.id"));
        assertEquals(m.clusterId(), p.getProperty("cluster.id"));
    }

    /** Every meta.properties of the quorum damaged: each still names its directory, which keeps the choice unique. */
    @Test
    void damagedPeersStillTellWhichDirectoryIsTheirs() throws Exception {
        Manifest m = Fixtures.manifest("quorum3-4.3");
        Path root = Fixtures.copy("quorum3-4.3", tmp.resolve("p"));
        List<Path> dirs = m.nodes().stream().map(n -> root.resolve(n.logDir())).toList();
        Damage.nullFillFile(dirs.get(0), "meta.properties");
        Path v1 = dirs.get(1).resolve("meta.properties");
        Files.writeString(v1, Files.readString(v1).replace("version=1", "version=q"));
        Path v2 = dirs.get(2).resolve("meta.properties");
        Files.writeString(v2, Files.readString(v2).replace("version=1", "version=3"));

        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(dirs.toArray(Path[]::new)), RepairOptions.defaults(tmp.resolve("out")));
        for (int i = 0; i < 3; i++) {
            Properties p = properties(((RepairAction.WriteFile) stepOn(plan, dirs.get(i).resolve("meta.properties")).action()).newBytes());
            assertEquals(m.node(i).directoryId(), p.getProperty("directory.id"), "node " + i);
            assertEquals(Integer.toString(m.node(i).nodeId()), p.getProperty("node.id"), "node " + i);
            assertEquals(m.clusterId(), p.getProperty("cluster.id"), "node " + i);
        }
    }

    /** Two dirs that lost their directory id: either could be either, so neither is guessed. */
    @Test
    void twoDirsWithoutDirectoryIdAreNotGuessed() throws Exception {
        Manifest m = Fixtures.manifest("quorum3-4.3");
        Path root = Fixtures.copy("quorum3-4.3", tmp.resolve("a"));
        List<Path> dirs = m.nodes().stream().map(n -> root.resolve(n.logDir())).toList();
        Damage.nullFillFile(dirs.get(0), "meta.properties");
        Damage.nullFillFile(dirs.get(1), "meta.properties");

        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(dirs.toArray(Path[]::new)), RepairOptions.defaults(tmp.resolve("out")));
        assertTrue(plan.steps().stream().noneMatch(s -> s.action().path().endsWith("meta.properties")), plan.steps().toString());
    }

    /** The checker reads at most MAX_BYTES: a first line cut there is reported, not parsed as if it ended. */
    @Test
    void aQuorumStateCutAtTheReadLimitIsReportedTooLarge() throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-kill");
        Path dir = Fixtures.copy("single-4.3-kill", tmp.resolve("t")).resolve(m.firstNode().logDir());
        Damage.zeroTail(dir, QS, QuorumStateParser.MAX_BYTES);
        Report report = LogDirChecker.check(dir);
        assertTrue(report.findings().stream().anyMatch(f -> f.code() == QuorumCodes.TOO_LARGE && f.location().file().equals(QS)),
                report.findings().toString());
    }

    private ElectionState kafkaReads(byte[] bytes) throws Exception {
        Path copy = Files.createTempDirectory(tmp, "read").resolve("quorum-state");
        Files.write(copy, bytes);
        return new FileQuorumStateStore(copy.toFile()).readElectionState().orElseThrow();
    }

    private static Properties properties(byte[] bytes) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(new String(bytes, StandardCharsets.ISO_8859_1)));
        return p;
    }

    private static int lineOf(Path file, String prefix) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(prefix)) return i;
        throw new AssertionError("no " + prefix + " in " + file);
    }
}
