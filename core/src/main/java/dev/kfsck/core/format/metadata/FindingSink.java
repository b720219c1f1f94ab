package dev.kfsck.core.format.metadata;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.Location;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects findings, keeping at most a fixed number per code so a badly damaged file cannot flood a report. */
final class FindingSink {

    static final int MAX_PER_CODE = 20;

    private final List<Finding> findings = new ArrayList<>();
    private final Map<FindingCode, Integer> counts = new HashMap<>();

    void add(Finding f) {
        int n = counts.merge(f.code(), 1, Integer::sum);
        if (n <= MAX_PER_CODE) findings.add(f);
    }

    void add(FindingCode code, Location where, String message, Evidence evidence) {
        add(code.at(where, message, evidence));
    }

    boolean has(FindingCode code) {
        return counts.containsKey(code);
    }

    /** The findings, with a note on the last kept one of each code that had more. */
    List<Finding> findings() {
        List<Finding> out = new ArrayList<>(findings.size());
        Map<FindingCode, Integer> seen = new HashMap<>();
        for (Finding f : findings) {
            int i = seen.merge(f.code(), 1, Integer::sum);
            int total = counts.get(f.code());
            if (i == MAX_PER_CODE && total > MAX_PER_CODE) {
                f = new Finding(f.code(), f.severity(), f.reaction(), f.location(),
                        f.message() + " (" + (total - MAX_PER_CODE) + " more like this not listed)", f.evidence());
            }
            out.add(f);
        }
        return out;
    }
}
