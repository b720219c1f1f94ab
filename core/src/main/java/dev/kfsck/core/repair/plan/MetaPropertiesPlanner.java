package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirLayout;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.analysis.PartitionDir;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.format.metadata.BrokerEntry;
import dev.kfsck.core.format.metadata.ClusterMetadata;
import dev.kfsck.core.format.metadata.PartitionEntry;
import dev.kfsck.core.format.properties.MetaPropertiesFile;
import dev.kfsck.core.format.properties.MetaPropertiesParser;
import dev.kfsck.core.format.properties.MetaPropertiesWriter;
import dev.kfsck.core.format.properties.PropertiesCodes;
import dev.kfsck.core.format.quorum.QuorumState;
import dev.kfsck.core.format.quorum.QuorumStateParser;
import dev.kfsck.core.io.BoundedRead;
import dev.kfsck.core.repair.Provenance;
import dev.kfsck.core.repair.RepairAction;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Restores an unreadable {@code meta.properties} from the node's other evidence, only when it is unambiguous:
 * <ul>
 *   <li>{@code cluster.id}: the one cluster id of every other checked dir (and of this dir's quorum-state, when it
 *       records one);</li>
 *   <li>{@code node.id} and {@code directory.id}: the broker registrations of the metadata image
 *       ({@code RegisterBrokerRecord.logDirs}) and the directory each partition replica is assigned to; a pair is a
 *       candidate when no other checked dir claims it and every partition folder of this dir lists that broker as a
 *       replica in that directory.</li>
 * </ul>
 * A file Kafka reads but that holds NUL bytes or lacks {@code directory.id} is rewritten the same way. The file's own
 * values count as evidence (its cluster id, and its node id and directory id narrowing the candidates); a damaged
 * file, this dir's or a peer's, still contributes the well-formed {@code cluster.id} and {@code directory.id} lines
 * it holds.
 * Exactly one candidate and one cluster id, or nothing is written and the reason lists what is known.
 */
final class MetaPropertiesPlanner implements Planner {

    static final String FILE = LogDirLayout.META_PROPERTIES;

    @Override
    public void plan(PlanContext ctx) throws IOException {
        for (LogDirReport dir : ctx.report().logDirs()) {
            List<Finding> problems = ctx.problemsOn(dir, FILE);
            if (problems.isEmpty()) continue;
            boolean readable = !ctx.hasError(problems);
            if (readable && problems.stream().noneMatch(f -> OWN_FILE_WARNINGS.contains(f.code()))) continue;
            List<String> known = new ArrayList<>();

            Set<String> clusterIds = new TreeSet<>();
            List<String> clusterSources = new ArrayList<>();
            Identity own = Identity.of(dir);
            if (own.clusterId() != null) {
                clusterIds.add(own.clusterId());
                clusterSources.add(dir.dir() + "/" + FILE + " itself" + (readable ? " (Kafka reads it)" : own.note()));
            }
            for (LogDirReport other : ctx.report().logDirs()) {
                if (other == dir) continue;
                Identity id = Identity.of(other);
                if (id.clusterId() != null) {
                    clusterIds.add(id.clusterId());
                    clusterSources.add(other.dir() + "/" + FILE + id.note());
                }
            }
            String qsCluster = quorumStateClusterId(dir.dir());
            if (qsCluster != null) {
                clusterIds.add(qsCluster);
                clusterSources.add("clusterId of " + dir.dir() + "/__cluster_metadata-0/quorum-state");
            }
            known.add("cluster ids seen: " + (clusterIds.isEmpty() ? "none" : clusterIds + " in " + clusterSources));

            Optional<PlanContext.Image> image = ctx.image(dir);
            Set<Candidate> candidates = new LinkedHashSet<>();
            if (image.isPresent()) {
                for (Candidate c : candidates(ctx, dir, image.get().metadata())) {
                    if (own.fits(c)) candidates.add(c);
                }
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
            Provenance why = Provenance.of(readable
                            ? "Kafka reads meta.properties, but " + codes(problems) + "; rewrite it from its own values and the node's other evidence"
                            : "meta.properties cannot be read, so the broker exits at startup; restore it from the node's other evidence")
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
            if (other == dir) continue;
            String d = Identity.of(other).directoryId();
            if (d != null) claimed.add(d);
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

    /** Readable faults of meta.properties that a rewrite from the file's own values and the registrations fixes. */
    private static final Set<FindingCode> OWN_FILE_WARNINGS = Set.of(PropertiesCodes.META_NUL_RANGE, PropertiesCodes.META_NO_DIRECTORY_ID);

    private static String codes(List<Finding> fs) {
        return fs.stream().map(f -> f.code().id()).distinct().toList().toString();
    }

    /**
     * The identity a dir's meta.properties states: what Kafka read from it, or, when Kafka cannot read it, the
     * {@code cluster.id} and {@code directory.id} lines that still hold a well-formed Uuid (a damaged file still says
     * which directory and cluster it belonged to; a wrong value there only makes the evidence ambiguous, and then
     * nothing is written).
     */
    record Identity(Integer nodeId, String clusterId, String directoryId, String note) {

        static Identity of(LogDirReport d) throws IOException {
            var f = d.facts();
            if (f.clusterId() != null || f.directoryId() != null || f.nodeId() != null) {
                return new Identity(f.nodeId(), f.clusterId(), f.directoryId(), "");
            }
            Path p = d.dir().resolve(FILE);
            if (!Files.isRegularFile(p)) return new Identity(null, null, null, "");
            String text = new String(BoundedRead.read(p, MetaPropertiesParser.MAX_BYTES).bytes(), StandardCharsets.ISO_8859_1);
            String cluster = null;
            String directory = null;
            for (String line : text.split("\r\n|\r|\n")) {
                Properties one = new Properties();
                try {
                    one.load(new StringReader(line));
                } catch (IOException | IllegalArgumentException e) {
                    continue;
                }
                if (wellFormedUuid(one.getProperty("cluster.id"))) cluster = one.getProperty("cluster.id");
                String dir = one.getProperty("directory.id");
                if (wellFormedUuid(dir) && !reserved(dir)) directory = dir;
            }
            return new Identity(null, cluster, directory, " (a line of that damaged file)");
        }

        /** Whether a candidate agrees with what this (readable) file states. */
        boolean fits(Candidate c) {
            return (nodeId == null || nodeId == c.nodeId()) && (directoryId == null || directoryId.equals(c.directoryId()));
        }

        private static boolean wellFormedUuid(String s) {
            if (s == null) return false;
            try {
                Uuid.fromString(s);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }
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
