package dev.kfsck.core.repair.plan.trips;

import java.util.List;
import java.util.Map;

/** PM-*, LEC-* codes and XFILE-MLOG-TOPIC-ID: partition.metadata and leader-epoch-checkpoint. */
final class PartitionFileFamily implements CodeFamily {

    @Override
    public List<BrokerTrip> trips() {
        return List.of();
    }

    @Override
    public Map<String, String> notRepaired() {
        return Map.of();
    }
}
