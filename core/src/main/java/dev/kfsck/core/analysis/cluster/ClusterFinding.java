package dev.kfsck.core.analysis.cluster;

import dev.kfsck.core.finding.Finding;

import java.util.List;
import java.util.Objects;

/**
 * A finding of the cluster view and the nodes it concerns. The finding's location is the dir (and file) of the node
 * that holds the odd value; {@code nodes} lists that node first, then the others the finding compares it with.
 *
 * @param finding the finding
 * @param nodes   the node ids concerned, the one located first
 */
public record ClusterFinding(Finding finding, List<Integer> nodes) {

    public ClusterFinding {
        Objects.requireNonNull(finding);
        nodes = List.copyOf(nodes);
    }

    /** The node the finding is located at, or -1 when unknown. */
    public int node() {
        return nodes.isEmpty() ? -1 : nodes.get(0);
    }

    public String codeId() {
        return finding.code().id();
    }
}
