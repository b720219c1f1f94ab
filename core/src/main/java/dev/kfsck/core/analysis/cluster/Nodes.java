package dev.kfsck.core.analysis.cluster;

import dev.kfsck.core.analysis.LogDirFacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The dirs grouped by node id (dirs without a readable node.id have node -1 and stand alone). */
final class Nodes {

    static final int UNKNOWN = -1;

    final List<DirFacts> dirs;
    final Map<Integer, List<DirFacts>> byNode = new TreeMap<>();

    Nodes(List<DirFacts> given) {
        Map<String, DirFacts> unique = new LinkedHashMap<>();
        for (DirFacts d : given) unique.putIfAbsent(d.dir(), d);
        this.dirs = List.copyOf(unique.values());
        for (DirFacts d : dirs) {
            if (d.facts().nodeId() != null) byNode.computeIfAbsent(d.facts().nodeId(), n -> new ArrayList<>()).add(d);
        }
    }

    static int nodeOf(DirFacts d) {
        Integer n = d.facts().nodeId();
        return n == null ? UNKNOWN : n;
    }

    /** The node's dir that holds its metadata log, if one was given. */
    Optional<DirFacts> metadataDir(int node) {
        return byNode.getOrDefault(node, List.of()).stream().filter(DirFacts::holdsMetadata).findFirst();
    }

    /** Every node's metadata dir, by node id. */
    Map<Integer, DirFacts> metadataDirs() {
        Map<Integer, DirFacts> out = new TreeMap<>();
        for (int n : byNode.keySet()) metadataDir(n).ifPresent(d -> out.put(n, d));
        return out;
    }

    /** The dir that holds a replica of {@code tp} on {@code node}. */
    Optional<DirFacts> replicaDir(int node, String tp) {
        return byNode.getOrDefault(node, List.of()).stream().filter(d -> d.facts().partitions().containsKey(tp)).findFirst();
    }

    static LogDirFacts.Partition partition(DirFacts d, String tp) {
        return d.facts().partitions().get(tp);
    }
}
