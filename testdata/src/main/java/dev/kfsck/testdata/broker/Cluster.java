package dev.kfsck.testdata.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.QuorumInfo;

/**
 * One or more combined-mode Kafka nodes, each in its own child JVM, on 127.0.0.1. Closing it kills every node.
 */
public final class Cluster implements AutoCloseable {

    /** Most decisive first: the halt line, then the line that took a dir offline. */
    private static final List<String> OFFLINE_MARKERS = List.of("all log dirs", "Halting broker because dir",
            "Stopping serving logs in dir");
    private static final List<String> FATAL_MARKERS = List.of("Exiting Kafka", "Fatal error", "FATAL", " ERROR ");

    private final List<NodeSpec> nodes;
    private final String classpath;
    private final QuorumMode mode;
    private final Map<String, String> tuning;
    private final Path runDir;
    private final Map<Integer, KafkaProcess> processes = new LinkedHashMap<>();
    private Admin admin;

    /**
     * @param runDir where each node's {@code server.properties} and console log go (not inside a log dir)
     */
    public Cluster(List<NodeSpec> nodes, String classpath, QuorumMode mode, Map<String, String> tuning, Path runDir) {
        this.nodes = List.copyOf(nodes);
        this.classpath = classpath;
        this.mode = mode;
        this.tuning = Map.copyOf(tuning);
        this.runDir = runDir;
    }

    public List<NodeSpec> nodes() {
        return nodes;
    }

    public Path propertiesFile(NodeSpec node) {
        return runDir.resolve("node-" + node.nodeId() + ".properties");
    }

    public Path consoleLog(NodeSpec node) {
        return runDir.resolve("node-" + node.nodeId() + ".log");
    }

    private void writeProperties() throws IOException {
        Files.createDirectories(runDir);
        for (NodeSpec n : nodes) {
            Files.writeString(propertiesFile(n), ServerProperties.render(ServerProperties.build(n, nodes, mode, tuning)));
        }
    }

    /** Formats every node's log dir with Kafka's own storage tool ({@code --standalone} in dynamic mode). */
    public void format(String clusterId) throws IOException {
        writeProperties();
        for (NodeSpec n : nodes) {
            List<String> args = new ArrayList<>(List.of("format", "-t", clusterId, "-c", propertiesFile(n).toString()));
            if (mode == QuorumMode.DYNAMIC) {
                args.add("--standalone");
            }
            KafkaProcess.runTool(classpath, "kafka.tools.StorageTool", args,
                    runDir.resolve("format-" + n.nodeId() + ".log"));
        }
    }

    /** Starts every node ({@code kafka.Kafka server.properties}). */
    public void start() throws IOException {
        writeProperties();
        for (NodeSpec n : nodes) {
            Files.deleteIfExists(consoleLog(n));
            processes.put(n.nodeId(), KafkaProcess.start(classpath, "kafka.Kafka",
                    List.of(propertiesFile(n).toString()), consoleLog(n), "768m"));
        }
    }

    public String bootstrapServers() {
        return nodes.stream().map(NodeSpec::brokerEndpoint).collect(Collectors.joining(","));
    }

    /** An Admin client on the brokers (created once, closed with the cluster). */
    public synchronized Admin admin() {
        if (admin == null) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
            p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
            p.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "200");
            admin = Admin.create(p);
        }
        return admin;
    }

    /**
     * Waits until every node serves (log says "Kafka Server started", the quorum has a leader, every broker is
     * registered and {@code servesCheck} passes), a node exits or takes a log dir offline, or {@code timeout} passes.
     */
    public Outcome awaitOutcome(Duration timeout, Predicate<Admin> servesCheck) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            for (NodeSpec n : nodes) {
                KafkaProcess p = processes.get(n.nodeId());
                if (p.firstLine(l -> OFFLINE_MARKERS.stream().anyMatch(l::contains)).isPresent()) {
                    // A node whose every log dir failed halts right after; give it the time to say so.
                    p.awaitExit(Duration.ofSeconds(10));
                    Optional<String> line = Optional.empty();
                    for (String marker : OFFLINE_MARKERS) {
                        line = line.or(() -> p.firstLine(l -> l.contains(marker)));
                    }
                    return new Outcome(Outcome.Status.LOG_DIR_OFFLINE, line, n.nodeId(), elapsed, p.exitCode());
                }
                if (!p.isAlive()) {
                    Optional<String> fatal = Optional.empty();
                    for (String marker : FATAL_MARKERS) {
                        fatal = p.firstLine(l -> l.contains(marker));
                        if (fatal.isPresent()) {
                            break;
                        }
                    }
                    return new Outcome(Outcome.Status.EXITED, fatal.or(() -> Optional.of("exit code " + p.exitCode().orElse(-1))),
                            n.nodeId(), elapsed, p.exitCode());
                }
            }
            boolean allStarted = processes.values().stream()
                    .allMatch(p -> p.firstLine(l -> l.contains("Kafka Server started")).isPresent());
            if (allStarted && serves(servesCheck)) {
                return new Outcome(Outcome.Status.STARTED, Optional.empty(), -1, elapsed, Optional.empty());
            }
            if (System.nanoTime() > deadline) {
                return new Outcome(Outcome.Status.TIMED_OUT, Optional.empty(), -1, elapsed, Optional.empty());
            }
            sleep(300);
        }
    }

    private boolean serves(Predicate<Admin> servesCheck) {
        try {
            Admin a = admin();
            int brokers = a.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
            QuorumInfo q = a.describeMetadataQuorum().quorumInfo().get(5, TimeUnit.SECONDS);
            return brokers == nodes.size() && q.leaderId() >= 0 && servesCheck.test(a);
        } catch (Exception e) {
            return false;
        }
    }

    public Optional<KafkaProcess> process(int nodeId) {
        return Optional.ofNullable(processes.get(nodeId));
    }

    /** SIGKILL every node. */
    public void killAll() {
        closeAdmin();
        processes.values().forEach(KafkaProcess::kill);
    }

    /** SIGTERM every node (in reverse order, so that the quorum keeps a leader as long as it can); true if all exited. */
    public boolean terminateAll(Duration timeout) {
        closeAdmin();
        boolean all = true;
        List<KafkaProcess> reversed = new ArrayList<>(processes.values());
        java.util.Collections.reverse(reversed);
        for (KafkaProcess p : reversed) {
            all &= p.terminate(timeout);
        }
        return all;
    }

    private synchronized void closeAdmin() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }

    @Override
    public void close() {
        closeAdmin();
        processes.values().forEach(KafkaProcess::close);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
