package dev.kfsck.core.repair.plan.trips;

import java.util.List;
import java.util.Map;

/** the remaining XFILE-* codes (identity across dirs) and CLUSTER-* codes: evidence of several dirs or nodes. */
final class CrossNodeFamily implements CodeFamily {

    @Override
    public List<BrokerTrip> trips() {
        return List.of();
    }

    @Override
    public Map<String, String> notRepaired() {
        return Map.of();
    }
}
