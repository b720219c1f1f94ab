package dev.kfsck.core.format.checkpoint;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.Location;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects at most a fixed number of findings for one file, plus one summary of what was left out. The first
 * finding of each code is always kept, so no kind of damage is hidden by many of another kind.
 */
final class CappedFindings {

    private final String file;
    private final int cap;
    private final FindingCode summaryCode;
    private final List<Finding> kept = new ArrayList<>();
    private final Set<FindingCode> seen = new HashSet<>();
    private long dropped;

    CappedFindings(String file, int cap, FindingCode summaryCode) {
        this.file = file;
        this.cap = cap;
        this.summaryCode = summaryCode;
    }

    void add(Finding f) {
        if (kept.size() < cap || seen.add(f.code())) {
            seen.add(f.code());
            kept.add(f);
        } else {
            dropped++;
        }
    }

    List<Finding> done() {
        List<Finding> all = new ArrayList<>(kept);
        if (dropped > 0) {
            all.add(summaryCode.at(Location.file(file), dropped + " more findings of the kinds listed were left out",
                    Evidence.seen(dropped + " more")));
        }
        return all;
    }
}
