package dev.kfsck.core.format.segment;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.Location;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Findings of one file, at most {@code cap} per code; the rest are counted in one summary finding. */
final class CappedFindings {

    private final String file;
    private final int cap;
    private final FindingCode more;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<FindingCode, int[]> counts = new LinkedHashMap<>();

    CappedFindings(String file, int cap, FindingCode more) {
        this.file = file;
        this.cap = cap;
        this.more = more;
    }

    void add(FindingCode code, long offset, long length, String message, Evidence evidence) {
        int[] n = counts.computeIfAbsent(code, c -> new int[1]);
        if (n[0]++ >= cap) return;
        findings.add(code.at(offset < 0 ? Location.file(file) : Location.at(file, offset, length), message, evidence));
    }

    List<Finding> list() {
        List<Finding> all = new ArrayList<>(findings);
        counts.forEach((code, n) -> {
            if (n[0] > cap) {
                all.add(more.at(Location.file(file), (n[0] - cap) + " more " + code.id() + " findings not listed",
                        Evidence.of(n[0] + " in all", cap + " listed")));
            }
        });
        return all;
    }
}
