package dev.kfsck.core.repair.plan.trips;

import dev.kfsck.core.repair.RepairPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a plan says it costs each partition, read back from its records-lost statements: the log end a truncation
 * leaves, and the offset ranges an excision cuts out. A broker started on the repaired dir must serve exactly the
 * records outside of these.
 *
 * @param newEnd per partition folder ({@code orders-0}), the end offset the repair leaves, where it cuts a tail
 * @param gaps   per partition folder, inclusive offset ranges cut out of the middle of the log
 */
record StatedLoss(Map<String, Long> newEnd, Map<String, List<long[]>> gaps) {

    private static final Pattern STATEMENT = Pattern.compile("^([^:]+): (.*)$", Pattern.DOTALL);
    private static final Pattern TAIL = Pattern.compile("the damaged tail from offset (\\d+) on");
    private static final Pattern DROPPED = Pattern.compile("offsets (\\d+)\\.\\.(\\d+) are dropped");
    private static final Pattern CUT_OUT = Pattern.compile("offsets (\\d+)\\.\\.(\\d+) \\(at most");

    static StatedLoss of(RepairPlan plan) {
        Map<String, Long> ends = new HashMap<>();
        Map<String, List<long[]>> gaps = new HashMap<>();
        for (String s : plan.recordsLost()) {
            Matcher m = STATEMENT.matcher(s);
            if (!m.matches()) throw new AssertionError("a records-lost statement names no partition: " + s);
            String partition = m.group(1);
            String text = m.group(2);
            Matcher tail = TAIL.matcher(text);
            if (tail.find()) ends.merge(partition, Long.parseLong(tail.group(1)), Math::min);
            Matcher dropped = DROPPED.matcher(text);
            if (dropped.find()) ends.merge(partition, Long.parseLong(dropped.group(1)), Math::min);
            Matcher cut = CUT_OUT.matcher(text);
            while (cut.find()) {
                gaps.computeIfAbsent(partition, k -> new ArrayList<>())
                        .add(new long[] {Long.parseLong(cut.group(1)), Long.parseLong(cut.group(2))});
            }
        }
        return new StatedLoss(ends, gaps);
    }

    /** Whether the plan gives up {@code offset} of {@code partition}. */
    boolean loses(String partition, long offset) {
        Long end = newEnd.get(partition);
        if (end != null && offset >= end) return true;
        for (long[] g : gaps.getOrDefault(partition, List.of())) {
            if (offset >= g[0] && offset <= g[1]) return true;
        }
        return false;
    }

    boolean isEmpty() {
        return newEnd.isEmpty() && gaps.isEmpty();
    }
}
