package dev.kfsck.core.fuzz;

import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;

/**
 * Every failure the properties and the fuzzers found, kept as a fixed example so it stays fixed. Each names the real
 * file and the mutations (or the bytes), and what was wrong.
 */
class RegressionExamples {

    private static void mutated(String scenario, String rel, Mutation... ms) {
        FixtureCorpus.RealFile file = FixtureCorpus.get().all().stream()
                .filter(f -> f.scenario().equals(scenario) && f.rel().equals(rel)).findFirst().orElse(null);
        Assume.that(file != null);
        FixtureMutationProperties.check(file, Mutation.applyAll(List.of(ms), file.bytes()), () -> file + " " + List.of(ms));
    }

    /**
     * The swap zeroes the first batch's record count: Kafka's raft reader refuses the empty batch ("Batch must
     * contain at least one record"); kfsck saw only the CRC mismatch, which the bootstrap reader does not check.
     */
    @Example
    void bootstrapBatchWithoutRecords() {
        mutated("single-4.3-kill", "bootstrap.checkpoint", new Mutation(Mutation.Kind.SWAP, 134046, 1, 416));
    }

    /**
     * The swap makes the only time index entry's relative offset negative: Kafka's sanityCheck refuses the index
     * ("last offset ... less than the first offset"); kfsck reports the entry outside the segment.
     */
    @Example
    void timeIndexEntryBelowTheBaseOffset() {
        mutated("single-4.3-kill", "__cluster_metadata-0/00000000000000000105.timeindex", new Mutation(Mutation.Kind.SWAP, 3, 1, 8));
    }
}
