package dev.kfsck.core.repair.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the operator asked of a repair.
 *
 * @param onlyCodes  when not empty, only findings with these codes are repaired
 * @param policy     how repairs that lose records may proceed
 * @param voters     the voter ids the operator gives, for when the disk cannot tell; empty when not given
 * @param outsideDir a folder outside every log dir (and outside the backup folder) where moved-out folders and
 *                   salvaged batches go; it need not exist yet
 */
public record RepairOptions(Set<String> onlyCodes, LossPolicy policy, List<Integer> voters, Path outsideDir) {

    public RepairOptions {
        onlyCodes = Set.copyOf(onlyCodes);
        Objects.requireNonNull(policy, "policy");
        voters = List.copyOf(voters);
        Objects.requireNonNull(outsideDir, "outsideDir");
    }

    public static RepairOptions defaults(Path outsideDir) {
        return new RepairOptions(Set.of(), LossPolicy.NONE, List.of(), outsideDir);
    }

    public RepairOptions withPolicy(LossPolicy p) {
        return new RepairOptions(onlyCodes, p, voters, outsideDir);
    }

    public RepairOptions withOnly(Set<String> codes) {
        return new RepairOptions(codes, policy, voters, outsideDir);
    }

    public RepairOptions withVoters(List<Integer> v) {
        return new RepairOptions(onlyCodes, policy, v, outsideDir);
    }

    boolean wants(String code) {
        return onlyCodes.isEmpty() || onlyCodes.contains(code);
    }
}
