package dev.kfsck.testdata.gen;

import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import dev.kfsck.testdata.broker.BrokerClasspath;
import dev.kfsck.testdata.broker.Cluster;
import dev.kfsck.testdata.broker.ModuleDirs;
import dev.kfsck.testdata.broker.NodeSpec;
import dev.kfsck.testdata.broker.Outcome;
import dev.kfsck.testdata.broker.Ports;
import dev.kfsck.testdata.broker.QuorumMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * Writes the fixtures: for each scenario, formats fresh storage with Kafka's storage tool, runs real brokers in child
 * JVMs, drives them with Kafka's clients, records what they report, stops them (SIGKILL or SIGTERM) and copies their
 * log dirs plus a manifest into {@code testdata/fixtures/<scenario>/}. Run it through {@code testdata/generate.sh}.
 */
public final class Generate {

    private final Path fixtures;
    private final Path work;

    private Generate(Path fixtures, Path work) {
        this.fixtures = fixtures;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path module = ModuleDirs.testdataDir();
        String out = System.getProperty("kfsck.fixtures.out");
        Generate g = new Generate(out != null ? Path.of(out).toAbsolutePath() : module.resolve("fixtures"),
                module.resolve("target/generate"));
        List<String> scenarios = args.length == 0 ? Fixtures.SCENARIOS : List.of(args);
        for (String s : scenarios) {
            long t0 = System.nanoTime();
            System.out.println("== " + s);
            switch (s) {
                case "single-4.3-kill" -> g.singleNode(s, "4.3.1", QuorumMode.STATIC, true);
                case "single-4.3-clean" -> g.singleClean(s);
                case "quorum3-4.3" -> g.quorum3(s);
                case "single-3.9-kill" -> g.singleNode(s, "3.9.1", QuorumMode.STATIC, true);
                case "dynamic-4.3" -> g.singleNode(s, "4.3.1", QuorumMode.DYNAMIC, false);
                default -> throw new IllegalArgumentException("unknown scenario " + s + "; known: " + Fixtures.SCENARIOS);
            }
            System.out.printf("== %s done in %d s%n", s, (System.nanoTime() - t0) / 1_000_000_000L);
        }
    }

    /** Broker settings of every scenario: small segments and indexes, fast checkpoints, frequent snapshots. */
    static Map<String, String> tuning(String version, int rf) {
        boolean v4 = version.startsWith("4.");
        Map<String, String> t = new LinkedHashMap<>();
        t.put("auto.create.topics.enable", "false");
        t.put("num.partitions", "1");
        t.put("default.replication.factor", Integer.toString(rf));
        t.put("min.insync.replicas", rf > 1 ? "2" : "1");
        t.put("offsets.topic.replication.factor", Integer.toString(rf));
        t.put("offsets.topic.num.partitions", "3");
        t.put("offsets.topic.segment.bytes", "1048576");
        t.put("transaction.state.log.replication.factor", Integer.toString(rf));
        t.put("transaction.state.log.min.isr", rf > 1 ? "2" : "1");
        t.put("transaction.state.log.num.partitions", "3");
        t.put("transaction.state.log.segment.bytes", "1048576");
        t.put("group.initial.rebalance.delay.ms", "0");
        t.put("log.index.size.max.bytes", "4096");
        t.put("log.index.interval.bytes", "1024");
        t.put("log.initial.task.delay.ms", "100");
        t.put("log.flush.offset.checkpoint.interval.ms", "1000");
        t.put("log.flush.start.offset.checkpoint.interval.ms", "1000");
        t.put("replica.high.watermark.checkpoint.interval.ms", "1000");
        t.put("log.cleaner.threads", "1");
        t.put("log.cleaner.backoff.ms", "200");
        t.put("log.cleaner.dedupe.buffer.size", "4194304");
        t.put("log.cleaner.min.cleanable.ratio", "0.01");
        // Segments the cleaner replaced are deleted 1 s later (not 60 s), so no *.deleted files are left behind.
        t.put("log.segment.delete.delay.ms", "1000");
        t.put("metadata.log.max.record.bytes.between.snapshots", "4096");
        t.put("metadata.max.idle.interval.ms", "2000");
        if (v4) {
            t.put("internal.metadata.log.segment.bytes", "8192");
        } else {
            t.put("metadata.log.segment.min.bytes", "8192");
            t.put("metadata.log.segment.bytes", "8192");
        }
        t.put("num.network.threads", "2");
        t.put("num.io.threads", "2");
        t.put("background.threads", "2");
        t.put("num.recovery.threads.per.data.dir", "1");
        return t;
    }

    private static List<NodeSpec> nodes(Path runDir, int... ids) {
        List<NodeSpec> out = new ArrayList<>();
        for (int id : ids) {
            out.add(new NodeSpec(id, Ports.free(), Ports.free(), runDir.resolve("node-" + id).resolve("data")));
        }
        return out;
    }

    private Path freshWorkDir(String scenario) throws IOException {
        Path dir = work.resolve(scenario);
        deleteTree(dir);
        Files.createDirectories(dir);
        return dir;
    }

    private void singleNode(String scenario, String version, QuorumMode mode, boolean fullWorkload) throws Exception {
        Path dir = freshWorkDir(scenario);
        List<NodeSpec> nodes = nodes(dir, 1);
        NodeSpec node = nodes.get(0);
        Map<String, String> tuning = tuning(version, 1);
        String clusterId = Uuid.randomUuid().toString();
        try (Cluster cluster = new Cluster(nodes, BrokerClasspath.forVersion(version), mode, tuning, dir.resolve("run"))) {
            cluster.format(clusterId);
            cluster.start();
            Outcome outcome = cluster.awaitOutcome(Duration.ofSeconds(90), a -> true);
            if (!outcome.started()) {
                throw new IllegalStateException(scenario + ": broker did not start: " + outcome);
            }
            Workload w = new Workload(cluster.bootstrapServers(), cluster.admin(),
                    version.startsWith("4.") ? "internal.segment.bytes" : "segment.bytes");
            Path metadataDir = node.logDir().resolve("__cluster_metadata-0");
            w.createTopic("orders", 3, 1, fullWorkload ? 16384 : 8192, Map.of());
            w.produceInEveryCodec("orders", fullWorkload ? 400 : 150);
            w.consumeAndCommit("orders", "order-audit", fullWorkload ? 2000 : 750, false);
            if (fullWorkload) {
                w.createTopic("customers", 1, 1, 8192, Map.of("cleanup.policy", "compact", "segment.ms", "1500",
                        "min.cleanable.dirty.ratio", "0.01", "delete.retention.ms", "3600000"));
                w.compactedUpdates("customers", 4, 200, 40, 1700, node.logDir());
                w.createTopic("payments", 2, 1, 2048, Map.of());
                w.transactions("payments", "payments-tx", 15, 30);
                w.consumeAndCommit("payments", "payments-reader", 300, true);
            }
            w.metadataChurn(metadataDir, fullWorkload ? 3 : 2, 1);
            // Let the 1 s checkpoint intervals (high watermark, recovery point, log start offset) pass a few times.
            Thread.sleep(6000);
            Manifest m = observe(scenario, version, "SIGKILL", mode, clusterId, cluster, tuning, w.notes);
            cluster.killAll();
            write(scenario, m, nodes);
        }
    }

    /** The single-4.3-kill log dir, restarted (recovering from the kill) and then shut down cleanly with SIGTERM. */
    private void singleClean(String scenario) throws Exception {
        Path source = work.resolve("single-4.3-kill");
        if (!Files.isDirectory(source.resolve("node-1/data"))) {
            singleNode("single-4.3-kill", "4.3.1", QuorumMode.STATIC, true);
        }
        Path dir = freshWorkDir(scenario);
        copyTree(source.resolve("node-1"), dir.resolve("node-1"));
        List<NodeSpec> nodes = nodes(dir, 1);
        Map<String, String> tuning = tuning("4.3.1", 1);
        String clusterId = readMetaProperties(nodes.get(0).logDir()).getProperty("cluster.id");
        try (Cluster cluster = new Cluster(nodes, BrokerClasspath.forVersion("4.3.1"), QuorumMode.STATIC, tuning,
                dir.resolve("run"))) {
            cluster.start();
            Outcome outcome = cluster.awaitOutcome(Duration.ofSeconds(90), a -> true);
            if (!outcome.started()) {
                throw new IllegalStateException(scenario + ": broker did not restart: " + outcome);
            }
            Thread.sleep(6000);
            List<String> notes = new ArrayList<>(List.of("the single-4.3-kill log dir restarted (log recovery after "
                    + "the kill), then stopped with SIGTERM: controlled shutdown, .kafka_cleanshutdown written"));
            Manifest m = observe(scenario, "4.3.1", "SIGTERM", QuorumMode.STATIC, clusterId, cluster, tuning, notes);
            if (!cluster.terminateAll(Duration.ofSeconds(60))) {
                throw new IllegalStateException(scenario + ": broker did not exit after SIGTERM");
            }
            if (!Files.exists(nodes.get(0).logDir().resolve(".kafka_cleanshutdown"))) {
                throw new IllegalStateException(scenario + ": no .kafka_cleanshutdown after SIGTERM");
            }
            write(scenario, m, nodes);
        }
    }

    private void quorum3(String scenario) throws Exception {
        Path dir = freshWorkDir(scenario);
        List<NodeSpec> nodes = nodes(dir, 0, 1, 2);
        Map<String, String> tuning = tuning("4.3.1", 3);
        String clusterId = Uuid.randomUuid().toString();
        try (Cluster cluster = new Cluster(nodes, BrokerClasspath.forVersion("4.3.1"), QuorumMode.STATIC, tuning,
                dir.resolve("run"))) {
            cluster.format(clusterId);
            cluster.start();
            Outcome outcome = cluster.awaitOutcome(Duration.ofSeconds(120), a -> true);
            if (!outcome.started()) {
                throw new IllegalStateException(scenario + ": quorum did not start: " + outcome);
            }
            Workload w = new Workload(cluster.bootstrapServers(), cluster.admin(), "internal.segment.bytes");
            w.createTopic("replicated", 3, 3, 8192, Map.of("min.insync.replicas", "2"));
            w.produceInEveryCodec("replicated", 200);
            w.consumeAndCommit("replicated", "replicated-audit", 1000, false);
            w.metadataChurn(nodes.get(0).logDir().resolve("__cluster_metadata-0"), 2, 3);
            Thread.sleep(6000);
            Manifest m = observe(scenario, "4.3.1", "SIGKILL", QuorumMode.STATIC, clusterId, cluster, tuning, w.notes);
            cluster.killAll();
            write(scenario, m, nodes);
        }
    }

    private Manifest observe(String scenario, String version, String shutdown, QuorumMode mode, String clusterId,
                             Cluster cluster, Map<String, String> tuning, List<String> notes) throws Exception {
        Observer o = new Observer(cluster.admin());
        Map<String, Short> features = o.finalizedFeatures();
        int kraftVersion = features.containsKey("kraft.version") ? features.get("kraft.version")
                : (mode == QuorumMode.DYNAMIC ? 1 : 0);
        List<Manifest.Node> nodes = cluster.nodes().stream().map(n -> new Manifest.Node(n.nodeId(),
                "node-" + n.nodeId(), "node-" + n.nodeId() + "/data",
                readMetaProperties(n.logDir()).getProperty("directory.id"), n.brokerPort(), n.controllerPort(),
                List.of())).toList();
        return new Manifest(scenario, version, shutdown, mode.name(), clusterId, kraftVersion, features, o.quorum(),
                nodes, o.topics(cluster.nodes().stream().map(NodeSpec::nodeId).toList()), List.of(), List.of(),
                tuning, notes);
    }

    /** Copies the stopped nodes' log dirs into the fixture tree and writes the manifest with the file list. */
    private void write(String scenario, Manifest observed, List<NodeSpec> nodes) throws IOException {
        FixtureWriter fw = new FixtureWriter(fixtures.resolve(scenario));
        List<Manifest.Node> withSnapshots = new ArrayList<>();
        for (NodeSpec n : nodes) {
            Manifest.Node mn = observed.node(n.nodeId());
            fw.copyLogDir(n.logDir(), mn.logDir());
            List<String> snapshots;
            try (Stream<Path> s = Files.list(n.logDir().resolve("__cluster_metadata-0"))) {
                snapshots = s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".checkpoint"))
                        .map(f -> f.substring(0, f.length() - ".checkpoint".length())).sorted().toList();
            }
            withSnapshots.add(new Manifest.Node(mn.nodeId(), mn.dir(), mn.logDir(), mn.directoryId(), mn.brokerPort(),
                    mn.controllerPort(), snapshots));
        }
        Manifest m = new Manifest(observed.scenario(), observed.kafkaVersion(), observed.shutdown(),
                observed.quorumMode(), observed.clusterId(), observed.kraftVersion(), observed.finalizedFeatures(),
                observed.quorum(), withSnapshots, observed.topics(), fw.files(), fw.directories(), observed.tuning(),
                observed.notes());
        Fixtures.json().writeValue(fixtures.resolve(scenario).resolve("manifest.json").toFile(), m);
        long stored = fw.files().stream().mapToLong(Manifest.FileEntry::storedLength).sum();
        System.out.printf("%s: %d files, %d bytes stored%n", scenario, fw.files().size(), stored);
    }

    static Properties readMetaProperties(Path logDir) {
        Properties p = new Properties();
        try (var in = Files.newInputStream(logDir.resolve("meta.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
