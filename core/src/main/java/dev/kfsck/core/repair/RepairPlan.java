package dev.kfsck.core.repair;

import dev.kfsck.core.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a repair would do, before it does anything: the steps in order, and the findings left alone because no safe
 * repair exists. A plan is data; printing it is the dry run, {@link RepairExecutor#apply} carries it out.
 *
 * @param steps       the actions, in the order they run
 * @param notRepaired findings no step fixes, each with the reason nothing is written
 */
public record RepairPlan(List<Step> steps, List<Unrepaired> notRepaired) {

    /**
     * One action with what people need to judge it.
     *
     * @param action      the change
     * @param description what it does, in words ("set leaderEpoch in quorum-state to 7")
     * @param recordsLost statements of data given up, each naming partition and offsets ("orders-0: offsets 1200..1350
     *                    (3 batches, 8 KiB) are dropped"); empty when nothing is lost
     * @param resolves    the findings this step fixes; a re-check after the repair must no longer report them
     */
    public record Step(RepairAction action, String description, List<String> recordsLost, List<Finding> resolves) {
        public Step {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(description, "description");
            recordsLost = List.copyOf(recordsLost);
            resolves = List.copyOf(resolves);
        }

        /** A step that loses no records. */
        public static Step of(RepairAction action, String description, Finding... resolves) {
            return new Step(action, description, List.of(), List.of(resolves));
        }
    }

    /** A finding left as it is, and why no value could safely be written. */
    public record Unrepaired(Finding finding, String reason) {
        public Unrepaired {
            Objects.requireNonNull(finding, "finding");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public RepairPlan {
        steps = List.copyOf(steps);
        notRepaired = List.copyOf(notRepaired);
    }

    public static RepairPlan of(Step... steps) {
        return new RepairPlan(List.of(steps), List.of());
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Every records-lost statement of every step, in step order. */
    public List<String> recordsLost() {
        List<String> all = new ArrayList<>();
        for (Step s : steps) all.addAll(s.recordsLost());
        return all;
    }
}
