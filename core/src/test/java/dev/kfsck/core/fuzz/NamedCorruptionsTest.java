package dev.kfsck.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.format.segment.SegmentScan;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import dev.kfsck.testdata.corrupt.Applied;
import dev.kfsck.testdata.corrupt.Corruption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The testdata module's named corruptions (each a real-world cause) on every fixture: the damaged file goes through
 * its kfsck parser and Kafka's reader (the {@link KafkaAgreement} rule), and the whole dir through
 * {@link LogDirChecker}, which must finish without throwing.
 */
class NamedCorruptionsTest {

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyCorruptionOnEveryFixture() {
        List<String> scenarios = Fixtures.available();
        assumeFalse(scenarios.isEmpty(), "no fixtures");
        // About a second per corruption (a fresh copy of the dir each): one scenario in a normal build, all of them
        // in a long run (-Pfuzz).
        if (Integer.getInteger("jqwik.tries.default", 200) <= 1000) scenarios = scenarios.subList(0, 1);
        List<DynamicTest> tests = new ArrayList<>();
        for (String scenario : scenarios) {
            for (Corruption c : Corruption.values()) {
                tests.add(DynamicTest.dynamicTest(scenario + " " + c, () -> check(scenario, c)));
            }
        }
        return tests.stream();
    }

    private void check(String scenario, Corruption c) throws Exception {
        Path copy = Fixtures.copy(scenario, Files.createTempDirectory(tmp, scenario));
        Manifest m = Fixtures.manifest(scenario);
        Path logDir = copy.resolve(m.firstNode().logDir());
        Applied applied;
        try {
            applied = c.apply(m, copy);
        } catch (RuntimeException e) {
            assumeTrue(false, c + " does not apply to " + scenario + ": " + e.getMessage());
            return;
        }
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> LogDirChecker.check(logDir));
        FileKind kind = FileKind.of(applied.file());
        if (kind == null || !Files.isRegularFile(applied.path())) return;
        byte[] bytes = Files.readAllBytes(applied.path());
        ParserRules.Checked checked = ParserRules.check(kind, applied.file(), bytes);
        KafkaOracle.Verdict kafka = KafkaOracle.judge(kind, applied.file(), FixtureMutationProperties.withoutZeroSlack(kind, bytes));
        SegmentScan scan = checked.outcomes().get(0).model() instanceof SegmentScan s ? s : null;
        List<Finding> findings = checked.outcomes().get(0).findings();
        KafkaAgreement.assertAgrees(kind, bytes, findings, scan, kafka, () -> scenario + " " + applied);
    }
}
