package dev.kfsck.core.analysis.cluster;

import dev.kfsck.core.analysis.LogDirFacts;
import dev.kfsck.core.analysis.MetadataImageFacts;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Several nodes seen together, built from their dirs' facts alone, so that reports written on separate repair pods
 * combine as well as dirs checked side by side: identities, the quorum, the metadata logs compared with the most
 * complete one, the metadata image, and every partition across its replicas, with the findings ({@code CLUSTER-*})
 * each naming the nodes concerned.
 *
 * <pre>{@code
 * ClusterView v = ClusterView.of(DirFacts.of(LogDirChecker.check(b0, b1, b2)));
 * v.findings().forEach(f -> System.out.println(f.nodes() + " " + f.finding().message()));
 * }</pre>
 *
 * @param dirs        the dirs, each once, in the order given
 * @param nodes       one summary per node id
 * @param metadataLog the metadata logs compared with the most complete one
 * @param image       the metadata image of the node with the most advanced one, or null when no dir holds one
 * @param imageNode   the node whose image that is, or null
 * @param partitions  every partition found on some dir, across its replicas, by name
 * @param findings    what is wrong across nodes, in a deterministic order
 */
public record ClusterView(List<DirFacts> dirs, List<NodeView> nodes, MetadataLogView metadataLog,
                          MetadataImageFacts image, Integer imageNode, List<PartitionView> partitions,
                          List<ClusterFinding> findings) {

    public ClusterView {
        dirs = List.copyOf(dirs);
        nodes = List.copyOf(nodes);
        partitions = List.copyOf(partitions);
        findings = List.copyOf(findings);
    }

    /** One node: its dirs and raft state. Values not known are null. */
    public record NodeView(int nodeId, List<String> dirs, String clusterId, Integer quorumEpoch, Integer quorumLeader,
                           Long metadataLogEnd, Integer metadataLogEpoch) {
        public NodeView {
            dirs = List.copyOf(dirs);
        }
    }

    /** How a node's metadata log relates to the most complete one. */
    public enum Relation { MOST_COMPLETE, SAME, BEHIND, DIVERGED }

    /**
     * @param mostComplete the node with the most complete metadata log, or null when none is known
     * @param logs         each node's log against it
     */
    public record MetadataLogView(Integer mostComplete, List<LogComparison> logs) {
        public MetadataLogView {
            logs = List.copyOf(logs);
        }
    }

    /**
     * @param divergenceOffset the first offset where the log disagrees with the most complete one, or -1
     * @param truncateTo       where raft would cut this log following the most complete node (its end when nothing is cut)
     */
    public record LogComparison(int nodeId, long endOffset, int lastEpoch, Relation relation, long divergenceOffset,
                                long truncateTo) {
    }

    /**
     * A partition across its replicas.
     *
     * @param assignedReplicas the image's replicas (empty without an image)
     * @param isr              the image's ISR
     * @param imageLeader      the image's leader, or null
     * @param comparedWith     the replica the others were compared with (the image's leader when here), or null
     */
    public record PartitionView(String partition, String topicId, List<Integer> assignedReplicas, List<Integer> isr,
                                Integer imageLeader, Integer comparedWith, List<ReplicaView> replicas) {
        public PartitionView {
            assignedReplicas = List.copyOf(assignedReplicas);
            isr = List.copyOf(isr);
            replicas = List.copyOf(replicas);
        }
    }

    /** @param truncateTo where this replica truncates when it rejoins {@code comparedWith}, or null for that replica itself */
    public record ReplicaView(int nodeId, String dir, Long logStartOffset, Long logEndOffset, Long highWatermark,
                              int latestEpoch, Long truncateTo) {
    }

    /** The view of the dirs of one check. */
    public static ClusterView of(Report report) {
        return of(DirFacts.of(report));
    }

    /** The view of dirs' facts, from one check or from several reports. A dir named twice counts once. */
    public static ClusterView of(List<DirFacts> dirs) {
        Nodes nodes = new Nodes(dirs);
        Findings out = new Findings();
        IdentityRules.apply(nodes, out);
        QuorumRules.apply(nodes, out);
        MetadataLogView mlog = MetadataLogRules.apply(nodes, out);
        DirFacts imageDir = nodes.dirs.stream().filter(d -> d.facts().metadataImage() != null)
                .max(Comparator.comparingInt((DirFacts d) -> d.facts().metadataImage().lastEpoch())
                        .thenComparingLong(d -> d.facts().metadataImage().endOffset())
                        .thenComparing(d -> Nodes.nodeOf(d), Comparator.reverseOrder()))
                .orElse(null);
        MetadataImageFacts image = imageDir == null ? null : imageDir.facts().metadataImage();
        List<PartitionView> partitions = ReplicaRules.apply(nodes, image, out);
        List<ClusterFinding> findings = new ArrayList<>(out.all());
        findings.sort(Comparator.comparing((ClusterFinding f) -> f.finding().severity())
                .thenComparing(ClusterFinding::finding, Finding.ORDER));
        return new ClusterView(nodes.dirs, nodeViews(nodes), mlog, image,
                imageDir == null ? null : Nodes.nodeOf(imageDir), partitions, findings);
    }

    private static List<NodeView> nodeViews(Nodes nodes) {
        List<NodeView> out = new ArrayList<>();
        nodes.byNode.forEach((id, dirs) -> {
            DirFacts md = nodes.metadataDir(id).orElse(null);
            LogDirFacts f = md == null ? null : md.facts();
            String clusterId = dirs.stream().map(d -> d.facts().clusterId()).filter(c -> c != null).findFirst().orElse(null);
            out.add(new NodeView(id, dirs.stream().map(DirFacts::dir).toList(), clusterId,
                    f == null || f.quorum() == null ? null : f.quorum().leaderEpoch(),
                    f == null || f.quorum() == null ? null : f.quorum().leaderId(),
                    f == null || !MetadataLogs.known(f) ? null : MetadataLogs.endOffset(f),
                    f == null || !MetadataLogs.known(f) ? null : MetadataLogs.lastEpoch(f)));
        });
        return out;
    }

    /** The findings alone. */
    public List<Finding> plainFindings() {
        return findings.stream().map(ClusterFinding::finding).toList();
    }

    public long count(Severity s) {
        return findings.stream().filter(f -> f.finding().severity() == s).count();
    }

    public boolean hasErrors() {
        return count(Severity.ERROR) > 0;
    }
}
