package dev.kfsck.core.analysis.cluster;

import dev.kfsck.core.finding.Evidence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** cluster.id agreement, node.id and directory.id uniqueness. */
final class IdentityRules {

    private static final String META = "meta.properties";

    private IdentityRules() {
    }

    static void apply(Nodes nodes, Findings out) {
        clusterIds(nodes, out);
        nodeIds(nodes, out);
        directoryIds(nodes, out);
    }

    private static void clusterIds(Nodes nodes, Findings out) {
        Map<String, Set<Integer>> byId = new LinkedHashMap<>();
        for (DirFacts d : nodes.dirs) {
            if (d.facts().clusterId() != null) byId.computeIfAbsent(d.facts().clusterId(), k -> new TreeSet<>()).add(Nodes.nodeOf(d));
        }
        if (byId.size() < 2) return;
        String majority = Majority.of(byId);
        for (DirFacts d : nodes.dirs) {
            String id = d.facts().clusterId();
            if (id == null || id.equals(majority)) continue;
            Set<Integer> others = majority == null ? otherNodes(byId, id) : byId.get(majority);
            String expected = majority == null ? "one cluster.id for all nodes" : majority;
            out.add(ClusterCodes.CLUSTER_ID_DIFFERS, d.dir(), META,
                    "node " + Nodes.nodeOf(d) + " has cluster.id " + id + ", but nodes " + others + " have "
                            + (majority == null ? "others" : majority),
                    Evidence.of(id, expected), Nodes.nodeOf(d), others);
        }
    }

    private static Set<Integer> otherNodes(Map<String, Set<Integer>> byId, String except) {
        Set<Integer> s = new TreeSet<>();
        byId.forEach((k, v) -> {
            if (!k.equals(except)) s.addAll(v);
        });
        return s;
    }

    /** Dirs of one node id that cannot be one node's: two metadata logs, or one partition twice. */
    private static void nodeIds(Nodes nodes, Findings out) {
        nodes.byNode.forEach((node, dirs) -> {
            if (dirs.size() < 2) return;
            DirFacts firstMetadata = null;
            Map<String, DirFacts> partitions = new LinkedHashMap<>();
            for (DirFacts d : dirs) {
                String clash = null;
                DirFacts other = null;
                if (d.holdsMetadata()) {
                    if (firstMetadata != null) {
                        clash = "both hold __cluster_metadata-0";
                        other = firstMetadata;
                    } else {
                        firstMetadata = d;
                    }
                }
                for (String tp : d.facts().partitions().keySet()) {
                    DirFacts prev = partitions.putIfAbsent(tp, d);
                    if (prev != null && clash == null) {
                        clash = "both hold partition " + tp;
                        other = prev;
                    }
                }
                if (clash != null) {
                    out.add(ClusterCodes.NODE_ID_DUPLICATE, d.dir(), META,
                            "dirs " + other.dir() + " and " + d.dir() + " both say node.id " + node + " and " + clash
                                    + ": they look like two nodes sharing one id",
                            Evidence.of("node.id " + node + " in both", "a node.id per node"), node, List.of());
                }
            }
        });
    }

    private static void directoryIds(Nodes nodes, Findings out) {
        Map<String, List<DirFacts>> byDirId = new LinkedHashMap<>();
        for (DirFacts d : nodes.dirs) {
            if (d.facts().directoryId() != null) byDirId.computeIfAbsent(d.facts().directoryId(), k -> new ArrayList<>()).add(d);
        }
        byDirId.forEach((id, dirs) -> {
            for (int i = 1; i < dirs.size(); i++) {
                DirFacts d = dirs.get(i);
                Set<Integer> others = new HashSet<>();
                for (DirFacts o : dirs) if (o != d) others.add(Nodes.nodeOf(o));
                others.remove(Nodes.nodeOf(d));
                out.add(ClusterCodes.DIRECTORY_ID_DUPLICATE, d.dir(), META,
                        "directory.id " + id + " of " + d.dir() + " (node " + Nodes.nodeOf(d) + ") is also the id of "
                                + dirs.get(0).dir() + " (node " + Nodes.nodeOf(dirs.get(0)) + ")",
                        Evidence.of(id, "a directory.id per log dir"), Nodes.nodeOf(d), others);
            }
        });
    }
}
