package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The partition pass over the real broker fixtures: no errors, and the facts the broker itself reported. */
class PartitionPassFixturesTest {

    @TempDir
    Path tmp;

    static List<String> scenarios() {
        return Fixtures.available();
    }

    /** A standard check of one log dir, with the findings the partition pass added. */
    record Checked(LogDirContext ctx, List<Finding> partitionFindings) {
    }

    /** Runs the standard passes on one log dir, in order. */
    static Checked checked(Path logDir) throws Exception {
        LogDirContext ctx = new LogDirContext(logDir, LogDirLayout.scan(logDir));
        List<Finding> mine = List.of();
        for (CheckPass pass : StandardPasses.all()) {
            int before = ctx.findings().size();
            pass.run(ctx);
            if (pass instanceof PartitionPass) mine = ctx.findings().subList(before, ctx.findings().size());
        }
        return new Checked(ctx, mine);
    }

    static LogDirContext check(Path logDir) throws Exception {
        return checked(logDir).ctx();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void cleanFixturesHaveNoErrorsAndTheBrokersFacts(String scenario) throws Exception {
        Manifest m = Fixtures.manifest(scenario);
        Path copy = Fixtures.copy(scenario, tmp);
        for (Manifest.Node node : m.nodes()) {
            Checked c = checked(copy.resolve(node.logDir()));
            LogDirContext ctx = c.ctx();
            List<Finding> errors = c.partitionFindings().stream().filter(f -> f.severity() != Severity.INFO).toList();
            assertEquals(List.of(), errors, scenario + " node " + node.nodeId());

            Map<String, LogDirFacts.Partition> facts = ctx.get(Facts.PARTITIONS);
            List<String> folders = ctx.layout().dataPartitions().stream().map(p -> p.name().topicPartition()).toList();
            assertEquals(new TreeMap<>(facts).keySet().stream().toList(), folders.stream().sorted().toList());
            int compared = 0;
            for (Manifest.Topic t : m.topics()) {
                for (Manifest.Partition p : t.partitions()) {
                    String tp = t.name() + "-" + p.partition();
                    if (!p.replicas().contains(node.nodeId())) {
                        assertFalse(facts.containsKey(tp), tp + " is not a replica on node " + node.nodeId());
                        continue;
                    }
                    LogDirFacts.Partition f = facts.get(tp);
                    assertNotNull(f, tp + " on node " + node.nodeId());
                    String where = scenario + " node " + node.nodeId() + " " + tp;
                    assertEquals(t.topicId(), f.topicId(), where);
                    assertEquals(p.logStartOffset(), f.logStartOffset(), where);
                    assertEquals(p.logEndOffset(), f.logEndOffset(), where);
                    assertEquals(p.highWatermark(), f.highWatermark(), where);
                    assertTrue(f.recoveryPoint() == null || f.recoveryPoint() <= f.logEndOffset(), where);
                    compared++;
                }
            }
            assertEquals(folders.size(), compared, "every folder is a partition the broker reported");
        }
    }

    @Test
    void theCleanFixtureReportsNothingButTheSegmentTheCleanerEmptiedAtItsStart() throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-clean");
        Path dir = Fixtures.copy("single-4.3-clean", tmp).resolve(m.firstNode().logDir());
        List<String> codes = checked(dir).partitionFindings().stream().map(f -> f.code().id() + " " + f.location().file()).toList();
        // compaction removed the first offsets of a later customers-0 segment: the file name is below its first batch
        assertEquals(List.of("SEG-FIRST-OFFSET-GAP customers-0/00000000000000000600.log"), codes);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void twoChecksOfTheSameDirGiveTheSameFindingsWhateverThePoolSize(String scenario) throws Exception {
        Manifest m = Fixtures.manifest(scenario);
        Path dir = Fixtures.copy(scenario, tmp).resolve(m.firstNode().logDir());
        dev.kfsck.testdata.corrupt.Corruption.SEG_CRC_FLIP_MIDDLE.apply(dir);
        dev.kfsck.testdata.corrupt.Corruption.INDEX_GARBAGE.apply(dir);
        List<Finding> first = runWith(dir, 4);
        List<Finding> second = runWith(dir, 4);
        List<Finding> serial = runWith(dir, 1);
        assertFalse(first.isEmpty());
        assertEquals(first, second);
        assertEquals(first, serial);
    }

    private static List<Finding> runWith(Path dir, int threads) throws Exception {
        LogDirContext ctx = new LogDirContext(dir, LogDirLayout.scan(dir));
        for (CheckPass pass : StandardPasses.all()) {
            (pass instanceof PartitionPass ? new PartitionPass(threads) : pass).run(ctx);
        }
        return ctx.findings();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void aCheckNeverChangesTheEvidence(String scenario) throws Exception {
        Manifest m = Fixtures.manifest(scenario);
        Path copy = Fixtures.copy(scenario, tmp);
        Path dir = copy.resolve(m.firstNode().logDir());
        // damage that tempts a reader to repair, and a missing file that Kafka's own classes would create
        dev.kfsck.testdata.corrupt.Corruption.SEG_ZERO_TAIL.apply(dir);
        dev.kfsck.testdata.corrupt.Corruption.PM_REMOVED.apply(dir);
        Map<String, String> before = state(dir);
        LogDirChecker.check(dir);
        System.gc(); // unmapping must not write either
        assertEquals(before, state(dir));
    }

    /** Every path under the dir with its size, modification time, mode and SHA-256. */
    static Map<String, String> state(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = new ArrayList<>(s.toList());
        }
        for (Path p : all) {
            String key = root.relativize(p).toString();
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
            String mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toString();
            if (Files.isDirectory(p)) {
                out.put(key, "dir " + mode + " " + mtime);
            } else {
                byte[] bytes = Files.readAllBytes(p);
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                out.put(key, bytes.length + " " + mode + " " + mtime + " " + sha);
            }
        }
        return out;
    }
}
