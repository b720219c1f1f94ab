package dev.kfsck.core.repair.plan.trips;

import java.util.List;
import java.util.Map;

/** SEG-* codes: segment files. */
final class SegmentFamily implements CodeFamily {

    @Override
    public List<BrokerTrip> trips() {
        return List.of();
    }

    @Override
    public Map<String, String> notRepaired() {
        return Map.of();
    }
}
