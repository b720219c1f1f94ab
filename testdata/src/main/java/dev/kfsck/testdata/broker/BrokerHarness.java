package dev.kfsck.testdata.broker;

import dev.kfsck.testdata.Manifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Starts a real Kafka broker (every node of a fixture: one, or the three-node quorum) on a COPY of a fixture made by
 * {@code Fixtures.copy}, and reports what it does as data. The nodes get the fixture's node ids, cluster, tuning and
 * quorum mode; a static quorum gets new free ports (its voters come from the config), a dynamic quorum keeps its
 * original controller port (its voters and their endpoints are recorded in the metadata log).
 *
 * <pre>{@code
 * Path copy = Fixtures.copy("single-4.3-kill", tmp);
 * try (BrokerHarness h = BrokerHarness.start(Fixtures.manifest("single-4.3-kill"), copy)) {
 *     Outcome o = h.awaitOutcome(Duration.ofSeconds(60));
 *     if (o.started()) { h.endOffsets(); h.quorum(); }
 * }
 * }</pre>
 *
 * Closing it SIGKILLs every node; a JVM shutdown hook does the same if a test never gets to close it.
 */
public final class BrokerHarness implements AutoCloseable {

    private final Manifest manifest;
    private final Cluster cluster;

    private BrokerHarness(Manifest manifest, Cluster cluster) {
        this.manifest = manifest;
        this.cluster = cluster;
    }

    /** Starts the fixture's nodes with the Kafka this module depends on (4.3.1). */
    public static BrokerHarness start(Manifest manifest, Path copyRoot) {
        return start(manifest, copyRoot, BrokerClasspath.CURRENT_VERSION);
    }

    /** Starts the fixture's nodes, found under {@code copyRoot}, with the given Kafka version's broker. */
    public static BrokerHarness start(Manifest manifest, Path copyRoot, String kafkaVersion) {
        QuorumMode mode = QuorumMode.valueOf(manifest.quorumMode());
        List<NodeSpec> nodes = new ArrayList<>();
        for (Manifest.Node n : manifest.nodes()) {
            int controllerPort = mode == QuorumMode.DYNAMIC && Ports.isFree(n.controllerPort())
                    ? n.controllerPort() : Ports.free();
            nodes.add(new NodeSpec(n.nodeId(), Ports.free(), controllerPort, copyRoot.resolve(n.logDir())));
        }
        Map<String, String> tuning = new HashMap<>(manifest.tuning());
        ServerProperties.DERIVED_KEYS.forEach(tuning::remove);
        Cluster cluster = new Cluster(nodes, BrokerClasspath.forVersion(kafkaVersion), mode, tuning,
                copyRoot.resolve("harness-run"));
        try {
            cluster.start();
        } catch (Exception e) {
            cluster.close();
            throw new IllegalStateException("cannot start " + manifest.scenario(), e);
        }
        return new BrokerHarness(manifest, cluster);
    }

    /**
     * Waits (at most {@code timeout}) until every node serves every partition the manifest lists, or a node exits or
     * takes its log dir offline.
     */
    public Outcome awaitOutcome(Duration timeout) {
        return cluster.awaitOutcome(timeout, admin -> {
            try {
                listLatest(admin);
                return true;
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** Every manifest partition's end offset (ListOffsets latest) as the running broker reports it. */
    public Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, Long> out = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        listLatest(cluster.admin()).forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /**
     * End offsets, polled until they equal {@code want} or {@code timeout} passes (a restarted leader's high
     * watermark advances only as replicas fetch); the last answer either way.
     */
    public Map<TopicPartition, Long> awaitEndOffsets(Map<TopicPartition, Long> want, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> now = endOffsets();
        while (!byName(now).equals(byName(want)) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            now = endOffsets();
        }
        return now;
    }

    /** Offsets keyed by {@code topic-partition} in name order, for comparisons whose failure reads well. */
    public static Map<String, Long> byName(Map<TopicPartition, Long> offsets) {
        Map<String, Long> out = new TreeMap<>();
        offsets.forEach((tp, o) -> out.put(tp.toString(), o));
        return out;
    }

    /** The metadata quorum's leader and epoch as Admin.describeMetadataQuorum reports them. */
    public Manifest.Quorum quorum() throws Exception {
        QuorumInfo q = cluster.admin().describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS);
        return new Manifest.Quorum(q.leaderId(), q.leaderEpoch(), q.highWatermark(),
                q.voters().stream().map(QuorumInfo.ReplicaState::replicaId).sorted().toList());
    }

    /** The manifest's end offsets, keyed like {@link #endOffsets()}. */
    public static Map<TopicPartition, Long> expectedEndOffsets(Manifest manifest) {
        Map<TopicPartition, Long> out = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        manifest.topics().forEach(t -> t.partitions().forEach(
                p -> out.put(new TopicPartition(t.name(), p.partition()), p.endOffset())));
        return out;
    }

    public Admin admin() {
        return cluster.admin();
    }

    public Cluster cluster() {
        return cluster;
    }

    /** A node's console log so far (for assertions on what the broker said). */
    public String log(int nodeId) {
        return cluster.process(nodeId).map(KafkaProcess::log).orElse("");
    }

    private Map<TopicPartition, ListOffsetsResultInfo> listLatest(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        expectedEndOffsets(manifest).keySet().forEach(tp -> request.put(tp, OffsetSpec.latest()));
        return admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
    }

    /** SIGKILLs every node and waits until they are gone. */
    @Override
    public void close() {
        cluster.close();
    }
}
