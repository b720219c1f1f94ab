package dev.kfsck.core.repair.plan.trips;

import java.util.List;
import java.util.Map;

/**
 * The finding codes of one file kind: which ones a repair fixes (each proven by a real-broker trip) and which ones
 * it leaves alone, with the reason. {@link RepairableCodesCoverageTest} makes sure every catalog code is in exactly
 * one family.
 */
interface CodeFamily {

    /** The trips proving this family's repairable codes. */
    List<BrokerTrip> trips();

    /** Codes no repair step resolves, each with the reason (tolerated by Kafka, nothing safe to write, ...). */
    Map<String, String> notRepaired();

    /**
     * Repairable codes proven by a real-broker test elsewhere (multi-node evidence), each mapped to that test as
     * {@code Class#method}.
     */
    default Map<String, String> provenElsewhere() {
        return Map.of();
    }
}
