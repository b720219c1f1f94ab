package dev.kfsck.core.repair.plan.trips;

import dev.kfsck.testdata.corrupt.Damage;
import java.util.List;
import java.util.Map;

/** CKPT-* codes and XFILE-LOG-START-BEYOND-LOG-END: the four offset checkpoints. */
final class CheckpointFamily implements CodeFamily {

    @Override
    public List<BrokerTrip> trips() {
        return List.of(
                BrokerTrip.of("checkpoints null-filled or cut", "single-4.3-kill",
                        CodeCase.of("CKPT-NULL-BYTES", d -> Damage.nullFillFile(d, "replication-offset-checkpoint")),
                        CodeCase.of("CKPT-TRUNCATED", d -> Damage.truncateAt(d, "recovery-point-offset-checkpoint", 20))));
    }

    @Override
    public Map<String, String> notRepaired() {
        return Map.of();
    }
}
