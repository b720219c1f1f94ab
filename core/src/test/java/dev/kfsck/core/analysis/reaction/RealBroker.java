package dev.kfsck.core.analysis.reaction;

import dev.kfsck.testdata.broker.BrokerHarness;
import dev.kfsck.testdata.broker.Outcome;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real Kafka 4.3.1 broker started on a damaged copy, with what it did by the time it started, exited or took its
 * log dir offline. Closing it kills the broker; every wait is bounded.
 */
final class RealBroker implements AutoCloseable {

    /** Time to start, fail or go offline: a clean start of these fixtures takes 10–25 s on two cores. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Time for the end offsets to settle after the start (the high watermark of a sole replica catches up). */
    private static final Duration SETTLE = Duration.ofSeconds(20);

    final BrokerHarness harness;
    final Outcome outcome;
    private final DamagedCopy copy;
    private final String caseName;

    private RealBroker(String caseName, DamagedCopy copy, BrokerHarness harness, Outcome outcome) {
        this.caseName = caseName;
        this.copy = copy;
        this.harness = harness;
        this.outcome = outcome;
    }

    /** Starts the broker on the copy and waits for its outcome; {@code caseName} names the kept console log. */
    static RealBroker start(String caseName, DamagedCopy copy) {
        BrokerHarness h = BrokerHarness.start(copy.manifest, copy.root);
        try {
            return new RealBroker(caseName, copy, h, h.awaitOutcome(START_TIMEOUT));
        } catch (RuntimeException e) {
            h.close();
            throw e;
        }
    }

    /** The broker's console output, for failure messages. */
    String log() {
        return harness.log(copy.manifest.firstNode().nodeId());
    }

    /**
     * The first console line that contains {@code text}, from the logger's name on, with the copy's path shown as
     * {@code <copy>} (the broker writes NULs it read from damaged files into its log; they are dropped).
     */
    Optional<String> logLine(String text) {
        return log().replace("\0", "").lines().filter(l -> l.contains(text)).findFirst()
                .map(l -> l.replace(copy.root.toString(), "<copy>"))
                .map(l -> l.replaceFirst("^\\S+ \\[[^]]*\\] ", ""));
    }

    String explain() {
        String log = log();
        return outcome + "\n--- broker log (tail) ---\n" + log.substring(Math.max(0, log.length() - 6000));
    }

    /** End offsets (ListOffsets latest), by "topic-partition", polled until {@code settled} holds or a bounded wait ends. */
    Map<String, Long> endOffsets(Predicate<Map<String, Long>> settled) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Map<String, Long> now = byName(harness.endOffsets());
        while (!settled.test(now) && System.nanoTime() < deadline) {
            Thread.sleep(300);
            now = byName(harness.endOffsets());
        }
        return now;
    }

    /** Folder names in the log dir that match, polled until there is one or a bounded wait ends. */
    List<String> awaitFolders(Predicate<String> matches) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        List<String> found = folders(copy.logDir, matches);
        while (found.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(300);
            found = folders(copy.logDir, matches);
        }
        return found;
    }

    static Map<String, Long> byName(Map<TopicPartition, Long> offsets) {
        Map<String, Long> out = new TreeMap<>();
        offsets.forEach((tp, o) -> out.put(tp.toString(), o));
        return out;
    }

    private static List<String> folders(Path dir, Predicate<String> matches) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(matches).sorted().toList();
        }
    }

    @Override
    public void close() {
        harness.close();
        ObservedReactions.brokerLog(caseName, log());
    }
}
