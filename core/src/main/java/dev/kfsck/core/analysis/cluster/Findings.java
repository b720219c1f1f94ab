package dev.kfsck.core.analysis.cluster;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.finding.Severity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects cluster findings as the rules produce them. */
final class Findings {

    private final List<ClusterFinding> list = new ArrayList<>();

    /** A finding located at {@code dir}/{@code file}, about {@code node} compared with {@code others}. */
    void add(FindingCode code, Severity severity, String dir, String file, String message, Evidence evidence,
             int node, Collection<Integer> others) {
        Set<Integer> nodes = new LinkedHashSet<>();
        nodes.add(node);
        others.stream().sorted().forEach(nodes::add);
        var f = code.at(new Location(dir, file, -1, -1), message, evidence);
        if (severity != null && severity != f.severity()) f = f.withSeverity(severity);
        list.add(new ClusterFinding(f, List.copyOf(nodes)));
    }

    void add(FindingCode code, String dir, String file, String message, Evidence evidence, int node,
             Collection<Integer> others) {
        add(code, null, dir, file, message, evidence, node, others);
    }

    List<ClusterFinding> all() {
        return List.copyOf(list);
    }
}
