package dev.kfsck.core.analysis.cluster;

import java.util.Map;
import java.util.Set;

/** The value most nodes agree on. */
final class Majority {

    private Majority() {
    }

    /** The key held by strictly more nodes than any other key, or null on a tie. */
    static <K> K of(Map<K, ? extends Set<Integer>> nodesByValue) {
        K best = null;
        int bestCount = -1;
        boolean tie = false;
        for (var e : nodesByValue.entrySet()) {
            int c = e.getValue().size();
            if (c > bestCount) {
                best = e.getKey();
                bestCount = c;
                tie = false;
            } else if (c == bestCount) {
                tie = true;
            }
        }
        return tie ? null : best;
    }
}
