package dev.kfsck.core.repair.plan.trips;

import java.util.List;
import java.util.Map;

/** SNAP-*, BOOT-*, MLOG-* codes and the XFILE-MLOG and XFILE-SNAP cross-file codes: the metadata log dir. */
final class MetadataFamily implements CodeFamily {

    @Override
    public List<BrokerTrip> trips() {
        return List.of();
    }

    @Override
    public Map<String, String> notRepaired() {
        return Map.of();
    }
}
