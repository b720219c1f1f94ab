package dev.kfsck.core.repair;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Why an action is safe and where every value it writes comes from, in the manner of {@code pg_resetwal}: each
 * value next to the evidence on disk it was derived from. Planners fill it; the plan and the journal show it.
 *
 * @param reason one sentence: what is wrong and why this action fixes it
 * @param values each value the action writes (or the cut point it chooses), with its source
 */
public record Provenance(String reason, List<Source> values) {

    /**
     * One written value and its evidence.
     *
     * @param value the value, named, e.g. {@code "leaderEpoch=7"}
     * @param from  where it was read, e.g. {@code "__cluster_metadata-0/00000000000000000000.log, last batch at byte 40960 (partitionLeaderEpoch)"}
     */
    public record Source(String value, String from) {
        public Source {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(from, "from");
        }
    }

    public Provenance {
        Objects.requireNonNull(reason, "reason");
        values = List.copyOf(values);
    }

    /** A reason with no written values (a delete, a move). */
    public static Provenance of(String reason) {
        return new Provenance(reason, List.of());
    }

    /** This provenance plus one more value and its source. */
    public Provenance with(String value, String from) {
        List<Source> v = new ArrayList<>(values);
        v.add(new Source(value, from));
        return new Provenance(reason, v);
    }

    /** Multi-line text: the reason, then one indented line per value. */
    public String render() {
        StringBuilder b = new StringBuilder(reason);
        for (Source s : values) b.append("\n  ").append(s.value()).append("  <- ").append(s.from());
        return b.toString();
    }
}
