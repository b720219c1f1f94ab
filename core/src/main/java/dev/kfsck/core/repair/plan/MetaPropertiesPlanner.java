package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirLayout;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.analysis.PartitionDir;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.format.metadata.BrokerEntry;
import dev.kfsck.core.format.metadata.ClusterMetadata;
import dev.kfsck.core.format.metadata.PartitionEntry;
import dev.kfsck.core.format.properties.MetaPropertiesFile;
import dev.kfsck.core.format.properties.MetaPropertiesWriter;
import dev.kfsck.core.format.quorum.QuorumState;
import dev.kfsck.core.format.quorum.QuorumStateParser;
import dev.kfsck.core.io.BoundedRead;
import dev.kfsck.core.repair.Provenance;
import dev.kfsck.core.repair.RepairAction;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Restores an unreadable {@code meta.properties} from the node's other evidence, only when it is unambiguous:
 * <ul>
 *   <li>{@code cluster.id}: the one cluster id of every other checked dir (and of this dir's quorum-state, when it
 *       records one); the file's own cluster.id counts too when it reads, no finding doubts it and nothing
 *       contradicts it;</li>
 *   <li>{@code node.id} and {@code directory.id}: the broker registrations of the metadata image
 *       ({@code RegisterBrokerRecord.logDirs}) and the directory each partition replica is assigned to; a pair is a
 *       candidate when no other checked dir claims it and every partition folder of this dir lists that broker as a
 *       replica in that directory.</li>
 * </ul>
 * Exactly one candidate and one cluster id, or nothing is written and the reason lists what is known.
 */
final class MetaPropertiesPlanner implements Planner {

    static final String FILE = LogDirLayout.META_PROPERTIES;

    @Override
    public void plan(PlanContext ctx) throws IOException {
        for (LogDirReport dir : ctx.report().logDirs()) {
            List<Finding> problems = ctx.problemsOn(dir, FILE);
            if (problems.isEmpty() || !ctx.hasError(problems)) continue;
            List<String> known = new ArrayList<>();

            Set<String> clusterIds = new TreeSet<>();
            List<String> clusterSources = new ArrayList<>();
            for (LogDirReport other : ctx.report().logDirs()) {
                if (other != dir && other.facts().clusterId() != null) {
                    clusterIds.add(other.facts().clusterId());
                    clusterSources.add(other.dir() + "/" + FILE);
                }
            }
            String qsCluster = quorumStateClusterId(dir.dir());
            if (qsCluster != null) {
                clusterIds.add(qsCluster);
                clusterSources.add("clusterId of " + dir.dir() + "/__cluster_metadata-0/quorum-state");
            }
            String own = dir.facts().clusterId();
            boolean ownDoubted = problems.stream().anyMatch(f -> f.code().id().startsWith("XFILE-CLUSTER-ID"));
            if (own != null && !ownDoubted && (clusterIds.isEmpty() || clusterIds.equals(Set.of(own)))) {
                clusterIds.add(own);
                clusterSources.add(dir.dir() + "/" + FILE + " itself (its cluster.id reads and no other evidence contradicts it)");
            }
            known.add("cluster ids seen: " + (clusterIds.isEmpty() ? "none" : clusterIds + " in " + clusterSources));

            Optional<PlanContext.Image> image = ctx.image(dir);
            boolean onlyAcrossDirs = problems.stream().allMatch(f -> f.code().id().startsWith("XFILE-"));
            String registered = image.isPresent() && onlyAcrossDirs && clusterIds.equals(Set.of(String.valueOf(dir.facts().clusterId())))
                    ? registeredAs(dir, image.get().metadata()) : null;
            if (registered != null) {
                String reason = "this dir's own identity is the one the metadata registered (" + registered + " in "
                        + image.get().source() + "): it is the original, the other dir is the one to correct";
                problems.forEach(f -> ctx.cannot(f, reason));
                continue;
            }
            Set<Candidate> candidates = new LinkedHashSet<>();
            if (image.isPresent()) {
                candidates.addAll(candidates(ctx, dir, image.get().metadata()));
                known.add("node id and directory id candidates from " + image.get().source() + ": "
                        + (candidates.isEmpty() ? "none" : candidates));
            } else {
                known.add("no checked dir holds __cluster_metadata-0, so the broker registrations are unknown");
            }

            if (clusterIds.size() != 1 || candidates.size() != 1) {
                String reason = "meta.properties cannot be restored unambiguously: " + String.join("; ", known)
                        + (clusterIds.isEmpty() ? " (check this dir together with another log dir of the cluster)" : "");
                problems.forEach(f -> ctx.cannot(f, reason));
                continue;
            }
            String clusterId = clusterIds.iterator().next();
            Candidate c = candidates.iterator().next();
            Provenance why = Provenance.of("meta.properties cannot be read, so the broker exits at startup; restore it from the node's other evidence")
                    .with("cluster.id=" + clusterId, String.join(", ", clusterSources))
                    .with("node.id=" + c.nodeId(), c.source())
                    .with("directory.id=" + c.directoryId(), c.source())
                    .with("version=1", "KRaft mode");
            byte[] bytes = MetaPropertiesWriter.write(MetaPropertiesFile.v1(c.nodeId(), clusterId, Uuid.fromString(c.directoryId())), Optional.empty());
            ctx.add(PlanContext.step(new RepairAction.WriteFile(dir.dir().resolve(FILE), bytes, why),
                    "write " + FILE + " with node.id " + c.nodeId() + ", cluster.id " + clusterId + ", directory.id " + c.directoryId(), problems));
        }
    }

    /** A (node id, directory id) pair this dir may be, with why. */
    record Candidate(int nodeId, String directoryId, String source) {
        @Override
        public String toString() {
            return "node " + nodeId + " / directory " + directoryId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Candidate c && c.nodeId == nodeId && c.directoryId.equals(directoryId);
        }

        @Override
        public int hashCode() {
            return nodeId * 31 + directoryId.hashCode();
        }
    }

    static List<Candidate> candidates(PlanContext ctx, LogDirReport dir, ClusterMetadata image) throws IOException {
        Set<String> claimed = new TreeSet<>();
        for (LogDirReport other : ctx.report().logDirs()) {
            if (other != dir && other.facts().directoryId() != null) claimed.add(other.facts().directoryId());
        }
        List<PartitionEntry> here = new ArrayList<>();
        LogDirLayout layout = LogDirLayout.scan(dir.dir());
        for (PartitionDir pd : layout.dataPartitions()) {
            image.partition(pd.name().topic(), pd.name().partition()).ifPresent(here::add);
        }
        List<Candidate> out = new ArrayList<>();
        for (BrokerEntry b : image.brokers()) {
            for (String d : b.logDirs()) {
                if (claimed.contains(d) || reserved(d)) continue;
                boolean fits = true;
                for (PartitionEntry p : here) {
                    String assigned = p.directoryOf(b.id());
                    if (assigned == null || (!reserved(assigned) && !assigned.equals(d))) fits = false;
                }
                if (fits) {
                    out.add(new Candidate(b.id(), d, "RegisterBrokerRecord of broker " + b.id() + " lists log dir " + d
                            + ", no other checked dir claims it, and the " + here.size()
                            + " partition folders here are replicas of broker " + b.id() + " in that directory"));
                }
            }
        }
        return out;
    }

    /**
     * When meta.properties reads and its node.id and directory.id are a pair the metadata registered, the pair in
     * words; else null. Called when its cluster.id is also the one of every other checked dir: such a dir is
     * consistent with the metadata, so when another dir shares its directory.id, that other dir is the copy.
     */
    static String registeredAs(LogDirReport dir, ClusterMetadata image) {
        Integer node = dir.facts().nodeId();
        String directory = dir.facts().directoryId();
        if (node == null || directory == null) return null;
        for (BrokerEntry b : image.brokers()) {
            if (b.id() == node && b.logDirs().contains(directory)) return "broker " + node + " with log dir " + directory;
        }
        return null;
    }

    /** Kafka's reserved directory ids (unassigned, lost, migrating) share the prefix of the zero Uuid. */
    static boolean reserved(String directoryId) {
        return directoryId.startsWith("AAAAAAAAAAAAAAAAAAAA");
    }

    private static String quorumStateClusterId(Path dir) throws IOException {
        Path qs = dir.resolve("__cluster_metadata-0/quorum-state");
        if (!Files.isRegularFile(qs)) return null;
        var p = QuorumStateParser.parse("__cluster_metadata-0/quorum-state", BoundedRead.read(qs, QuorumStateParser.MAX_BYTES).bytes());
        QuorumState q = p.hasErrors() ? null : p.model();
        return q == null || q.clusterId() == null || q.clusterId().isEmpty() ? null : q.clusterId();
    }
}
