package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.format.metadata.BrokerEntry;
import dev.kfsck.core.format.metadata.ClusterMetadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rules over several log dirs at once. */
final class CrossDirRules {

    private CrossDirRules() {
    }

    static List<Finding> apply(List<LogDirContext> dirs, List<LogDirReport> reports) {
        List<Finding> out = new ArrayList<>();
        metadataDirPerNode(dirs, out);
        identities(dirs, out);
        return out;
    }

    /**
     * The node a dir belongs to: the broker whose registration lists the dir's directory.id (in any metadata image of
     * the check), else meta.properties' node.id, else null. A directory.id that dirs claiming different node ids share proves nothing.
     */
    static Integer nodeOf(LogDirContext dir, List<LogDirContext> all) {
        Facts.Identity id = dir.get(Facts.IDENTITY);
        if (id == null) return null;
        boolean shared = all.stream().anyMatch(o -> o != dir && o.get(Facts.IDENTITY) != null
                && id.directoryId() != null && id.directoryId().equals(o.get(Facts.IDENTITY).directoryId())
                && !java.util.Objects.equals(id.nodeId(), o.get(Facts.IDENTITY).nodeId()));
        if (id.directoryId() != null && !shared) {
            for (LogDirContext c : all) {
                ClusterMetadata image = c.get(MetadataLogPass.IMAGE);
                if (image == null) continue;
                for (BrokerEntry b : image.brokers()) {
                    if (b.logDirs().contains(id.directoryId())) return b.id();
                }
            }
        }
        return id.nodeId();
    }

    private static Map<Integer, List<LogDirContext>> byNode(List<LogDirContext> dirs) {
        Map<Integer, List<LogDirContext>> nodes = new LinkedHashMap<>();
        for (LogDirContext c : dirs) {
            Integer node = nodeOf(c, dirs);
            if (node != null) nodes.computeIfAbsent(node, n -> new ArrayList<>()).add(c);
        }
        return nodes;
    }

    /**
     * A node needs exactly one dir with {@code __cluster_metadata-0}: with none Kafka re-bootstraps empty metadata and
     * turns every partition stray; with two it refuses to start. Dirs whose node is unknown count as their own node,
     * and are only flagged when no dir of the check holds the metadata log.
     */
    private static void metadataDirPerNode(List<LogDirContext> dirs, List<Finding> out) {
        boolean anyMetadata = dirs.stream().anyMatch(c -> c.layout().metadataPartition().isPresent());
        for (LogDirContext c : dirs) {
            if (nodeOf(c, dirs) == null && !anyMetadata && !c.layout().dataPartitions().isEmpty()) {
                out.add(missingMetadata(c, "none of the checked dirs holds __cluster_metadata-0"));
            }
        }
        for (var e : byNode(dirs).entrySet()) {
            List<LogDirContext> withMetadata = e.getValue().stream().filter(c -> c.layout().metadataPartition().isPresent()).toList();
            if (withMetadata.isEmpty()) {
                for (LogDirContext c : e.getValue()) {
                    if (!c.layout().dataPartitions().isEmpty()) {
                        out.add(missingMetadata(c, "no checked dir of node " + e.getKey() + " holds __cluster_metadata-0"));
                    }
                }
            } else if (withMetadata.size() > 1) {
                for (LogDirContext c : withMetadata) {
                    out.add(CrossFileCodes.SEVERAL_METADATA_DIRS.at(at(c, LogDirLayout.METADATA_DIR),
                            withMetadata.size() + " log dirs of node " + e.getKey() + " hold __cluster_metadata-0: "
                                    + withMetadata.stream().map(d -> d.dir().toString()).toList(),
                            Evidence.of(withMetadata.size(), 1)));
                }
            }
        }
    }

    private static Finding missingMetadata(LogDirContext c, String why) {
        return LayoutCodes.METADATA_DIR_MISSING.at(at(c, LogDirLayout.METADATA_DIR),
                why + ", but this one holds " + c.layout().dataPartitions().size() + " partitions",
                Evidence.of("missing", LogDirLayout.METADATA_DIR));
    }

    /**
     * meta.properties across dirs: cluster.id and node.id identical within a node (Kafka checks both at startup),
     * cluster.id identical across nodes, directory.id unique everywhere.
     */
    private static void identities(List<LogDirContext> dirs, List<Finding> out) {
        for (var e : byNode(dirs).entrySet()) {
            List<LogDirContext> node = e.getValue();
            LogDirContext first = node.get(0);
            Facts.Identity expected = first.get(Facts.IDENTITY);
            for (LogDirContext c : node.subList(1, node.size())) {
                Facts.Identity id = c.get(Facts.IDENTITY);
                if (expected.clusterId() != null && id.clusterId() != null && !expected.clusterId().equals(id.clusterId())) {
                    out.add(CrossFileCodes.CLUSTER_ID_MISMATCH.at(at(c, LogDirLayout.META_PROPERTIES), "cluster.id "
                                    + id.clusterId() + " here, " + expected.clusterId() + " in " + first.dir() + " of the same node "
                                    + e.getKey(), Evidence.of(id.clusterId(), expected.clusterId())));
                }
                if (expected.nodeId() != null && id.nodeId() != null && !expected.nodeId().equals(id.nodeId())) {
                    out.add(CrossFileCodes.NODE_ID_MISMATCH.at(at(c, LogDirLayout.META_PROPERTIES), "node.id " + id.nodeId()
                                    + " here, " + expected.nodeId() + " in " + first.dir() + "; the metadata places both dirs on node "
                                    + e.getKey(), Evidence.of(id.nodeId(), expected.nodeId())));
                }
            }
        }
        Map<String, List<LogDirContext>> byCluster = new LinkedHashMap<>();
        Map<String, List<LogDirContext>> byDirectory = new LinkedHashMap<>();
        for (LogDirContext c : dirs) {
            Facts.Identity id = c.get(Facts.IDENTITY);
            if (id == null) continue;
            if (id.clusterId() != null) byCluster.computeIfAbsent(id.clusterId(), k -> new ArrayList<>()).add(c);
            if (id.directoryId() != null) byDirectory.computeIfAbsent(id.directoryId(), k -> new ArrayList<>()).add(c);
        }
        if (byCluster.size() > 1) {
            String majority = byCluster.entrySet().stream().max((a, b) -> Integer.compare(a.getValue().size(), b.getValue().size()))
                    .map(Map.Entry::getKey).orElseThrow();
            for (var e : byCluster.entrySet()) {
                if (e.getKey().equals(majority)) continue;
                for (LogDirContext c : e.getValue()) {
                    if (sameNodeDiffers(c, dirs)) continue; // reported above as a fatal in-node mismatch
                    out.add(CrossFileCodes.CLUSTER_ID_ACROSS_NODES.at(at(c, LogDirLayout.META_PROPERTIES), "cluster.id "
                                    + e.getKey() + " here, " + majority + " in " + byCluster.get(majority).size() + " other dir(s)",
                            Evidence.of(e.getKey(), majority)));
                }
            }
        }
        for (var e : byDirectory.entrySet()) {
            if (e.getValue().size() < 2) continue;
            List<Integer> nodes = e.getValue().stream().map(c -> c.get(Facts.IDENTITY).nodeId()).distinct().toList();
            boolean sameNode = nodes.size() < e.getValue().size();
            for (LogDirContext c : e.getValue()) {
                Finding f = CrossFileCodes.DUPLICATE_DIRECTORY_ID.at(at(c, LogDirLayout.META_PROPERTIES), "directory.id "
                                + e.getKey() + " is shared by " + e.getValue().stream().map(d -> d.dir().toString()).toList()
                                + (sameNode ? " of one node: Kafka fails with \"Duplicate directory ID\""
                                : " on nodes " + nodes + ": the controller cannot tell their partitions apart"),
                        Evidence.of(e.getKey(), "a directory.id of its own"));
                out.add(sameNode ? f : f.withReaction(KafkaReaction.TOLERATED));
            }
        }
    }

    private static boolean sameNodeDiffers(LogDirContext c, List<LogDirContext> dirs) {
        Integer node = nodeOf(c, dirs);
        Facts.Identity id = c.get(Facts.IDENTITY);
        for (LogDirContext o : dirs) {
            if (o == c || node == null || !node.equals(nodeOf(o, dirs))) continue;
            Facts.Identity other = o.get(Facts.IDENTITY);
            if (other.clusterId() != null && !other.clusterId().equals(id.clusterId())) return true;
        }
        return false;
    }

    private static Location at(LogDirContext c, String file) {
        return new Location(c.dir().toString(), file, -1, -1);
    }
}
