package dev.kfsck.core.repair.plan.trips;

import java.util.List;
import java.util.Map;

/** IDX-*, TIDX-*, TXN-*, PSNAP-* codes and XFILE-CLEAN-SHUTDOWN-WITH-DAMAGE: files Kafka rebuilds. */
final class IndexFamily implements CodeFamily {

    @Override
    public List<BrokerTrip> trips() {
        return List.of();
    }

    @Override
    public Map<String, String> notRepaired() {
        return Map.of();
    }
}
