package dev.kfsck.core.repair.plan.trips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.repair.RepairPlan;
import dev.kfsck.core.repair.plan.ApplyAndVerify;
import dev.kfsck.core.repair.plan.RepairOptions;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import dev.kfsck.testdata.broker.BrokerHarness;
import dev.kfsck.testdata.broker.Outcome;
import dev.kfsck.testdata.corrupt.Applied;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real-broker round trip for every repairable finding code: damage a fresh copy of a fixture written by a real
 * broker, see the check report the code where the damage is, repair it with {@link ApplyAndVerify}, start real Kafka
 * 4.3.1 on the result, and fetch every record back. The broker must serve the end offsets of the manifest and every
 * record of the undamaged original, less exactly the offsets the plan said, before anything was written, it would
 * give up.
 */
class RepairableCodeBrokerTest {

    @TempDir
    Path tmp;

    /** Every family's trips; {@code -Dkfsck.trips=QuorumStateFamily,IndexFamily} runs only those families. */
    static Stream<BrokerTrip> trips() {
        String only = System.getProperty("kfsck.trips", "");
        return CodeFamilies.all().stream()
                .filter(f -> only.isBlank() || List.of(only.split(",")).contains(f.getClass().getSimpleName()))
                .flatMap(f -> f.trips().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trips")
    void repairedDirServesEveryRecordThePlanKept(BrokerTrip trip) throws Exception {
        Manifest m = Fixtures.manifest(trip.fixture());
        Path originalRoot = Fixtures.copy(trip.fixture(), tmp.resolve("original"));
        Path root = Fixtures.copy(trip.fixture(), tmp.resolve("damaged"));
        List<Path> dirs = m.nodes().stream().map(n -> root.resolve(n.logDir())).toList();

        List<Applied> applied = new ArrayList<>();
        Set<Path> touched = new HashSet<>();
        for (CodeCase c : trip.cases()) {
            Applied a = c.damage().apply(dirs.get(c.node()));
            assertTrue(touched.add(a.path()), "each case of a trip damages its own file: " + a.file());
            applied.add(a);
        }

        Report before = LogDirChecker.check(dirs.toArray(Path[]::new));
        for (int i = 0; i < trip.cases().size(); i++) {
            CodeCase c = trip.cases().get(i);
            String file = c.where() != null ? c.where() : applied.get(i).file();
            Path dir = dirs.get(c.node());
            assertTrue(before.findings().stream().anyMatch(f -> f.code().id().equals(c.code()) && f.location().file().equals(file)
                            && Path.of(f.location().logDir()).toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())),
                    c.code() + " is reported at " + file + " after: " + applied.get(i).description() + "\nreported: " + summary(before));
        }

        ApplyAndVerify.Outcome done = ApplyAndVerify.run(dirs,
                RepairOptions.defaults(tmp.resolve("outside")).withPolicy(trip.policy()), tmp.resolve("backup"));
        RepairPlan plan = done.plan();
        for (CodeCase c : trip.cases()) {
            assertTrue(plan.steps().stream().anyMatch(s -> s.resolves().stream().anyMatch(f -> f.code().id().equals(c.code()))),
                    "a step of the plan resolves " + c.code() + ":\n" + plan.steps().stream().map(s -> s.description()).toList()
                            + "\nnot repaired: " + plan.notRepaired());
        }
        assertTrue(done.applied() != null && done.applied().applied(), () -> "applied: " + done.applied());
        assertTrue(done.leftovers().isEmpty(), () -> "still reported after the repair: " + done.leftovers());
        List<Finding> errors = done.after().findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
        assertTrue(errors.isEmpty(), () -> "errors after the repair: " + errors);

        StatedLoss loss = StatedLoss.of(plan);
        Map<TopicPartition, Long> expected = BrokerHarness.expectedEndOffsets(m);
        for (var e : expected.entrySet()) {
            Long cut = loss.newEnd().get(folder(e.getKey()));
            if (cut != null) {
                assertTrue(cut < e.getValue(), "a cut below the end: " + cut + " < " + e.getValue());
                e.setValue(cut);
            }
        }

        try (BrokerHarness h = BrokerHarness.start(m, root)) {
            Outcome o = h.awaitOutcome(Duration.ofSeconds(150));
            assertTrue(o.started(), () -> o + "\n" + h.log(o.nodeId()));
            assertEquals(BrokerHarness.byName(expected), BrokerHarness.byName(h.awaitEndOffsets(expected, Duration.ofSeconds(60))), "end offsets served");
            for (var e : expected.entrySet()) {
                TopicPartition tp = e.getKey();
                TreeMap<Long, Long> want = ServedRecords.onDisk(holder(m, originalRoot, folder(tp)), BrokerHarness.expectedEndOffsets(m).get(tp));
                want.keySet().removeIf(offset -> loss.loses(folder(tp), offset));
                TreeMap<Long, Long> got = ServedRecords.fetched(h.cluster().bootstrapServers(), tp, e.getValue());
                assertEquals(want, got, tp + ": the records served are the original's less what the plan gave up");
            }
        }
        if (trip.policy() == dev.kfsck.core.repair.plan.LossPolicy.NONE) assertTrue(loss.isEmpty(), "no loss without a policy: " + plan.recordsLost());
        else assertFalse(plan.recordsLost().isEmpty(), "a losing trip states its loss");
    }

    /** The undamaged partition folder, from the first node that holds a replica of it. */
    private static Path holder(Manifest m, Path originalRoot, String folder) {
        return m.nodes().stream().map(n -> originalRoot.resolve(n.logDir()).resolve(folder))
                .filter(java.nio.file.Files::isDirectory).findFirst()
                .orElseThrow(() -> new AssertionError("no node holds " + folder));
    }

    private static String folder(TopicPartition tp) {
        return tp.topic() + "-" + tp.partition();
    }

    private static String summary(Report r) {
        return r.findings().stream().map(f -> f.code().id() + "@" + f.location().file()).distinct().toList().toString();
    }


}
