package dev.kfsck.core.fuzz;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.repair.plan.ApplyAndVerify;
import dev.kfsck.core.repair.plan.LossPolicy;
import dev.kfsck.core.repair.plan.RepairOptions;
import dev.kfsck.testdata.Fixtures;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Repairing a damaged copy of a real log dir, whatever the damage, yields a dir that checks clean of what the plan
 * claimed to repair: each step's findings are gone on the check after the repair. Uses the truncate policy, so
 * repairs that give up records are applied too.
 */
class RepairOnMutatedDirProperties {

    private static final String SCENARIO = "single-4.3-kill";
    private static final Path WORK = createWork();

    private static Path createWork() {
        try {
            return Files.createTempDirectory("kfsck-repair-fuzz");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterContainer
    static void deleteWork() {
        FixtureCorpus.deleteTree(WORK);
    }

    @Provide
    Arbitrary<FixtureCorpus.RealFile> files() {
        List<FixtureCorpus.RealFile> files = FixtureCorpus.get().all().stream()
                .filter(f -> f.scenario().equals(SCENARIO)).toList();
        return Arbitraries.of(files);
    }

    @Property(tries = 20)
    void repairedDirChecksCleanOfWhatWasRepaired(@ForAll("files") FixtureCorpus.RealFile file,
                                                 @ForAll("mutations") List<Mutation> mutations) throws IOException {
        Statistics.collect(repairAndVerify(file, mutations) ? "repaired" : "nothing to repair");
        // Most damage must lead to a repair, or the property proves little.
        Statistics.coverage(c -> c.check("repaired").percentage(p -> p >= 30));
    }

    /**
     * Found by this property (seed 1535434249820222825): a flipped partitionLeaderEpoch, which the batch CRC does not
     * cover, makes every later batch's epoch go backwards; a CRC error further on is cut, and the epoch warnings
     * before the cut stayed. The verification must tell them apart from the ones the cut removed.
     */
    @net.jqwik.api.Example
    void epochFlipBeforeACutIsNotClaimedByTheCut() throws IOException {
        FixtureCorpus.RealFile file = FixtureCorpus.get().all().stream()
                .filter(f -> f.scenario().equals(SCENARIO) && f.rel().equals("payments-1/00000000000000000000.log"))
                .findFirst().orElseThrow();
        repairAndVerify(file, List.of(new Mutation(Mutation.Kind.BIT_FLIP, 14, 2, 5976),
                new Mutation(Mutation.Kind.BIT_FLIP, 4485095, 74, 70)));
    }

    private boolean repairAndVerify(FixtureCorpus.RealFile file, List<Mutation> mutations) throws IOException {
        Path run = Files.createTempDirectory(WORK, "run");
        try {
            Path copy = Fixtures.copy(SCENARIO, run.resolve("fixture"));
            Path logDir = copy.resolve(Fixtures.manifest(SCENARIO).firstNode().logDir());
            Files.write(logDir.resolve(file.rel()), Mutation.applyAll(mutations, file.bytes()));

            RepairOptions options = RepairOptions.defaults(run.resolve("outside")).withPolicy(LossPolicy.TRUNCATE);
            ApplyAndVerify.Outcome outcome = ApplyAndVerify.run(List.of(logDir), options, run.resolve("backup"));

            if (outcome.applied() != null) {
                assertTrue(outcome.applied().applied(), () -> "the repair did not apply: " + outcome.applied().failure());
            }
            List<Finding> left = outcome.leftovers();
            assertEquals(List.of(), left, () -> file + " " + mutations + ": claimed repaired but still reported");
            return !outcome.plan().isEmpty();
        } finally {
            FixtureCorpus.deleteTree(run);
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutation.some();
    }
}
