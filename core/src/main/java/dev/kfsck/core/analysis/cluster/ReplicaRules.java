package dev.kfsck.core.analysis.cluster;

import dev.kfsck.core.analysis.LogDirFacts;
import dev.kfsck.core.analysis.MetadataImageFacts;
import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Each partition across its replicas: topic ids and assignments against the metadata image, end offsets, high
 * watermarks, and where each replica truncates when it rejoins the leader.
 */
final class ReplicaRules {

    private static final String HW_FILE = "replication-offset-checkpoint";

    private ReplicaRules() {
    }

    /** One replica on one node. */
    private record Replica(int node, DirFacts dir, LogDirFacts.Partition p) {
        long end() {
            return p.logEndOffset() == null ? -1 : p.logEndOffset();
        }

        EpochHistory history() {
            return new EpochHistory(p.leaderEpochs());
        }
    }

    static List<ClusterView.PartitionView> apply(Nodes nodes, MetadataImageFacts image, Findings out) {
        Map<String, List<Replica>> byPartition = new TreeMap<>();
        for (DirFacts d : nodes.dirs) {
            d.facts().partitions().forEach((tp, p) ->
                    byPartition.computeIfAbsent(tp, k -> new ArrayList<>()).add(new Replica(Nodes.nodeOf(d), d, p)));
        }
        List<ClusterView.PartitionView> views = new ArrayList<>();
        byPartition.forEach((tp, replicas) -> views.add(partition(tp, replicas, image, out)));
        if (image != null) missing(nodes, image, byPartition, out);
        return views;
    }

    private static ClusterView.PartitionView partition(String tp, List<Replica> replicas, MetadataImageFacts image, Findings out) {
        int dash = tp.lastIndexOf('-');
        String topic = tp.substring(0, dash);
        int number = Integer.parseInt(tp.substring(dash + 1));
        Optional<MetadataImageFacts.Topic> t = image == null ? Optional.empty() : image.topic(topic);
        Optional<MetadataImageFacts.Partition> reg = t.flatMap(x -> x.partitions().stream().filter(q -> q.partition() == number).findFirst());
        Set<Integer> replicaNodes = new TreeSet<>();
        replicas.forEach(r -> replicaNodes.add(r.node()));

        String topicId = topicIds(tp, replicas, t.map(MetadataImageFacts.Topic::id).orElse(null), out);
        if (image != null) assignment(tp, replicas, t.isPresent(), reg, out);

        Replica leader = leaderOf(replicas, reg);
        long maxHw = -1;
        Replica hwHolder = null;
        long maxEnd = -1;
        for (Replica r : replicas) {
            if (r.p().highWatermark() != null && r.p().highWatermark() > maxHw) {
                maxHw = r.p().highWatermark();
                hwHolder = r;
            }
            maxEnd = Math.max(maxEnd, r.end());
        }
        Map<Integer, Long> truncation = new LinkedHashMap<>();
        for (Replica r : replicas) {
            if (leader == null || r == leader || r.p().logEndOffset() == null) continue;
            long fallback = r.p().highWatermark() == null ? 0 : r.p().highWatermark();
            long cut = r.history().truncationOffset(r.end(), leader.history(), leader.end(), fallback);
            truncation.put(r.node(), cut);
            if (cut < r.end()) {
                boolean acknowledged = maxHw >= 0 && cut < maxHw;
                out.add(ClusterCodes.REPLICA_DIVERGED, acknowledged ? Severity.ERROR : Severity.WARN, r.dir().dir(), tp,
                        tp + " on node " + r.node() + " (end " + r.end() + ", epochs " + r.history().entries()
                                + ") rejoining leader node " + leader.node() + " (end " + leader.end() + ", epochs "
                                + leader.history().entries() + ") truncates to offset " + cut + ", losing offsets " + cut
                                + ".." + (r.end() - 1) + (acknowledged ? "; offsets below the high watermark " + maxHw
                                + " were acknowledged" : ""),
                        Evidence.of("log end " + r.end(), "truncated to " + cut), r.node(), List.of(leader.node()));
            }
        }
        if (maxHw >= 0) {
            highWatermarks(tp, replicas, reg, maxHw, hwHolder, maxEnd, out);
        }
        List<ClusterView.ReplicaView> rv = new ArrayList<>();
        for (Replica r : replicas) {
            rv.add(new ClusterView.ReplicaView(r.node(), r.dir().dir(), r.p().logStartOffset(), r.p().logEndOffset(),
                    r.p().highWatermark(), r.history().latestEpoch(), truncation.get(r.node())));
        }
        return new ClusterView.PartitionView(tp, topicId, reg.map(MetadataImageFacts.Partition::replicas).orElse(List.of()),
                reg.map(MetadataImageFacts.Partition::isr).orElse(List.of()), reg.map(MetadataImageFacts.Partition::leader).orElse(null),
                leader == null ? null : leader.node(), rv);
    }

    /** The image's leader when its replica is here, else the replica a clean election would favour. */
    private static Replica leaderOf(List<Replica> replicas, Optional<MetadataImageFacts.Partition> reg) {
        if (reg.isPresent()) {
            for (Replica r : replicas) {
                if (r.node() == reg.get().leader() && r.p().logEndOffset() != null) return r;
            }
        }
        return replicas.stream().filter(r -> r.p().logEndOffset() != null)
                .filter(r -> reg.isEmpty() || reg.get().isr().isEmpty() || reg.get().isr().contains(r.node()))
                .max(Comparator.comparingInt((Replica r) -> r.history().latestEpoch()).thenComparingLong(Replica::end)
                        .thenComparing(Replica::node, Comparator.reverseOrder()))
                .orElse(null);
    }

    private static String topicIds(String tp, List<Replica> replicas, String imageId, Findings out) {
        Map<String, Set<Integer>> byId = new LinkedHashMap<>();
        for (Replica r : replicas) {
            if (r.p().topicId() != null) byId.computeIfAbsent(r.p().topicId(), k -> new TreeSet<>()).add(r.node());
        }
        String expected = imageId != null ? imageId : Majority.of(byId);
        for (Replica r : replicas) {
            String id = r.p().topicId();
            if (id == null || expected == null || id.equals(expected)) continue;
            Set<Integer> others = new TreeSet<>(byId.getOrDefault(expected, Set.of()));
            out.add(ClusterCodes.TOPIC_ID_DIFFERS, r.dir().dir(), tp + "/partition.metadata",
                    tp + " on node " + r.node() + " has topic id " + id + ", but "
                            + (imageId != null ? "the metadata says " + imageId : "nodes " + others + " have " + expected),
                    Evidence.of(id, expected), r.node(), others);
        }
        return expected;
    }

    private static void assignment(String tp, List<Replica> replicas, boolean topicKnown,
                                   Optional<MetadataImageFacts.Partition> reg, Findings out) {
        for (Replica r : replicas) {
            if (r.node() == Nodes.UNKNOWN) continue;
            if (reg.isPresent() && reg.get().replicas().contains(r.node())) continue;
            String why = !topicKnown ? "the metadata has no topic " + tp.substring(0, tp.lastIndexOf('-'))
                    : reg.isEmpty() ? "the metadata has no partition " + tp
                    : "the metadata assigns it to nodes " + reg.get().replicas();
            out.add(ClusterCodes.REPLICA_NOT_ASSIGNED, r.dir().dir(), tp,
                    tp + " is on node " + r.node() + ", but " + why,
                    Evidence.of("replica on node " + r.node(), reg.map(p -> "replicas " + p.replicas()).orElse("no such partition")),
                    r.node(), reg.map(MetadataImageFacts.Partition::replicas).orElse(List.of()));
        }
    }

    private static void highWatermarks(String tp, List<Replica> replicas, Optional<MetadataImageFacts.Partition> reg,
                                       long maxHw, Replica hwHolder, long maxEnd, Findings out) {
        Set<Integer> all = new TreeSet<>();
        replicas.forEach(r -> all.add(r.node()));
        for (Replica r : replicas) {
            if (r.end() > maxHw) {
                Set<Integer> others = new TreeSet<>(all);
                others.remove(r.node());
                out.add(ClusterCodes.REPLICA_AHEAD_OF_HIGH_WATERMARK, r.dir().dir(), tp,
                        tp + " on node " + r.node() + " ends at " + r.end() + ", beyond the highest high watermark of its "
                                + "replicas (" + maxHw + ", node " + hwHolder.node() + "): offsets " + maxHw + ".." + (r.end() - 1)
                                + " were never acknowledged",
                        Evidence.of("log end " + r.end(), "<= high watermark " + maxHw), r.node(), others);
            }
        }
        if (maxHw > maxEnd) {
            Set<Integer> others = new TreeSet<>(all);
            others.remove(hwHolder.node());
            out.add(ClusterCodes.ACKNOWLEDGED_RECORDS_MISSING, hwHolder.dir().dir(), HW_FILE,
                    tp + "'s high watermark on node " + hwHolder.node() + " is " + maxHw + ", but no replica here holds "
                            + "offsets beyond " + (maxEnd - 1) + " (nodes " + all + "): records " + maxEnd + ".." + (maxHw - 1)
                            + " were acknowledged and are gone, or the high watermark is wrong",
                    Evidence.of("high watermark " + maxHw, "<= the longest replica's end " + maxEnd), hwHolder.node(), others);
            return;
        }
        List<Integer> isr = reg.map(MetadataImageFacts.Partition::isr).orElse(List.of());
        for (Replica r : replicas) {
            if (r.p().logEndOffset() == null || r.end() >= maxHw) continue;
            if (!isr.isEmpty() && !isr.contains(r.node())) continue;
            out.add(ClusterCodes.ACKNOWLEDGED_RECORDS_MISSING, r.dir().dir(), tp,
                    tp + " on node " + r.node() + (isr.isEmpty() ? "" : " (in the ISR " + isr + ")") + " ends at " + r.end()
                            + ", below the high watermark " + maxHw + " of node " + hwHolder.node() + ": it lacks acknowledged "
                            + "offsets " + r.end() + ".." + (maxHw - 1) + ", lost if it leads",
                    Evidence.of("log end " + r.end(), ">= high watermark " + maxHw), r.node(), List.of(hwHolder.node()));
        }
    }

    /** Replicas the image places in a dir that is here (by directory id) but that the dir does not hold. */
    private static void missing(Nodes nodes, MetadataImageFacts image, Map<String, List<Replica>> byPartition, Findings out) {
        Map<String, DirFacts> byDirectoryId = new LinkedHashMap<>();
        for (DirFacts d : nodes.dirs) {
            if (d.facts().directoryId() != null) byDirectoryId.putIfAbsent(d.facts().directoryId(), d);
        }
        for (MetadataImageFacts.Topic t : image.topics()) {
            for (MetadataImageFacts.Partition p : t.partitions()) {
                String tp = t.name() + "-" + p.partition();
                for (int i = 0; i < p.replicas().size() && i < p.directories().size(); i++) {
                    DirFacts d = byDirectoryId.get(p.directories().get(i));
                    int node = p.replicas().get(i);
                    if (d == null || Nodes.nodeOf(d) != node || d.facts().partitions().containsKey(tp)) continue;
                    if (nodes.replicaDir(node, tp).isPresent()) continue;
                    Set<Integer> holders = new TreeSet<>();
                    byPartition.getOrDefault(tp, List.of()).forEach(r -> holders.add(r.node()));
                    out.add(ClusterCodes.REPLICA_MISSING, d.dir(), tp,
                            "the metadata places " + tp + "'s replica of node " + node + " in this dir (directory.id "
                                    + p.directories().get(i) + "), but it holds no " + tp + " folder"
                                    + (holders.isEmpty() ? "; no replica here holds it" : "; nodes " + holders + " do"),
                            Evidence.of("no folder " + tp, "replica of " + tp), node, holders);
                }
            }
        }
    }
}
