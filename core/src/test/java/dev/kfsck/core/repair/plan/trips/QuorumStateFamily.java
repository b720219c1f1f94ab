package dev.kfsck.core.repair.plan.trips;

import dev.kfsck.testdata.corrupt.Damage;
import java.util.List;
import java.util.Map;

/** QS-* codes and the XFILE-QS-* cross-file codes: quorum-state. */
final class QuorumStateFamily implements CodeFamily {

    private static final String QS = "__cluster_metadata-0/quorum-state";

    @Override
    public List<BrokerTrip> trips() {
        return List.of(
                BrokerTrip.of("quorum-state null-filled and emptied on two of three voters", "quorum3-4.3",
                        CodeCase.onNode(0, "QS-NULL-BYTES", d -> Damage.nullFillFile(d, QS)),
                        CodeCase.onNode(1, "QS-EMPTY", d -> Damage.truncateAt(d, QS, 0))));
    }

    @Override
    public Map<String, String> notRepaired() {
        return Map.of();
    }
}
