package dev.kfsck.core.repair.plan.trips;

import java.util.List;
import java.util.Map;

/**
 * META-* codes: meta.properties. meta.properties is restored from the peers' evidence, so its cases ride on the
 * three-node trips of {@link QuorumStateFamily} (and META-NUL-RANGE, which the file's own values repair, on the trip
 * of {@link LayoutFamily}); this family holds what is left.
 */
final class MetaPropertiesFamily implements CodeFamily {

    @Override
    public List<BrokerTrip> trips() {
        return List.of();
    }

    @Override
    public Map<String, String> notRepaired() {
        return Map.of("META-LEGACY-V0", "INFO: Kafka reads a version 0 file (node id from broker.id)");
    }

    @Override
    public Map<String, String> provenElsewhere() {
        return Map.of("META-NULL-BYTES",
                "dev.kfsck.core.repair.plan.RealBrokerRoundTripTest#nullFilledMetaPropertiesIsRestoredFromThePeers");
    }
}
