package dev.kfsck.benchmarks.corpus;

import dev.kfsck.testdata.broker.BrokerClasspath;
import dev.kfsck.testdata.broker.Cluster;
import dev.kfsck.testdata.broker.NodeSpec;
import dev.kfsck.testdata.broker.Outcome;
import dev.kfsck.testdata.broker.Ports;
import dev.kfsck.testdata.broker.QuorumMode;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Writes the two benchmark corpora with a real Kafka 4.3.1 broker (the testdata module's harness), each into its own
 * log dir below {@code OUT_DIR}:
 * <ul>
 *   <li>{@code realistic/}: topic {@code realistic}, one partition whose single segment grows to about
 *       {@code realisticBytes} (default 1 GiB), records of 200 B to 1 KiB of JSON-like text from five idempotent
 *       producers, one per codec (none, gzip, snappy, lz4, zstd), taking turns, linger.ms=10 and batch.size=64 KiB so
 *       that batches hold many records;</li>
 *   <li>{@code tiny/}: topic {@code tiny}, 8 partitions totalling about {@code tinyBytes} (default 100 MiB) of
 *       single-record uncompressed batches (linger.ms=0, batch.size=1).</li>
 * </ul>
 * Each broker is stopped with SIGTERM, so segments and indexes are closed as Kafka closes them. Run it through
 * {@code benchmarks/generate-corpus.sh}.
 */
public final class GenerateCorpus {

    private static final List<String> CODECS = List.of("none", "gzip", "snappy", "lz4", "zstd");

    private GenerateCorpus() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: GenerateCorpus OUT_DIR [realisticBytes [tinyBytes]]");
            System.exit(2);
        }
        Path out = Path.of(args[0]).toAbsolutePath();
        long realisticBytes = args.length > 1 ? Long.parseLong(args[1]) : 1L << 30;
        long tinyBytes = args.length > 2 ? Long.parseLong(args[2]) : 100L << 20;
        if (realisticBytes > 0) {
            withBroker(out, "realistic", cluster -> realistic(cluster, out.resolve("realistic"), realisticBytes));
        }
        if (tinyBytes > 0) {
            withBroker(out, "tiny", cluster -> tiny(cluster, out.resolve("tiny"), tinyBytes));
        }
    }

    interface Workload {
        void run(Cluster cluster) throws Exception;
    }

    private static void withBroker(Path out, String name, Workload workload) throws Exception {
        Path logDir = out.resolve(name);
        if (Files.exists(logDir)) {
            throw new IllegalStateException(logDir + " exists; remove it or choose another OUT_DIR");
        }
        NodeSpec node = new NodeSpec(1, Ports.free(), Ports.free(), logDir);
        long t0 = System.nanoTime();
        try (Cluster cluster = new Cluster(List.of(node), BrokerClasspath.forVersion(BrokerClasspath.CURRENT_VERSION),
                QuorumMode.STATIC, tuning(), out.resolve("run-" + name))) {
            cluster.format(Uuid.randomUuid().toString());
            cluster.start();
            Outcome outcome = cluster.awaitOutcome(Duration.ofSeconds(120), a -> true);
            if (!outcome.started()) {
                throw new IllegalStateException(name + ": broker did not start: " + outcome);
            }
            workload.run(cluster);
            if (!cluster.terminateAll(Duration.ofSeconds(120))) {
                throw new IllegalStateException(name + ": broker did not exit after SIGTERM");
            }
        }
        System.out.printf("%s: %d bytes of segments in %d s%n", name, segmentBytes(logDir, name + "-"),
                (System.nanoTime() - t0) / 1_000_000_000L);
    }

    private static Map<String, String> tuning() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("auto.create.topics.enable", "false");
        t.put("num.partitions", "1");
        t.put("offsets.topic.replication.factor", "1");
        t.put("offsets.topic.num.partitions", "1");
        t.put("transaction.state.log.replication.factor", "1");
        t.put("transaction.state.log.min.isr", "1");
        t.put("transaction.state.log.num.partitions", "1");
        t.put("group.initial.rebalance.delay.ms", "0");
        t.put("num.network.threads", "2");
        t.put("num.io.threads", "2");
        t.put("log.cleaner.enable", "false");
        return t;
    }

    private static void createTopic(Cluster cluster, String name, int partitions, long segmentBytes) throws Exception {
        Map<String, String> configs = Map.of("segment.bytes", Long.toString(segmentBytes),
                "retention.bytes", "-1", "retention.ms", "-1");
        cluster.admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all()
                .get(30, TimeUnit.SECONDS);
    }

    private static Properties producer(Cluster cluster, String codec, int lingerMs, int batchSize) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(batchSize));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Integer.toString(64 << 20));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
        return p;
    }

    /** One partition, one segment (segment.bytes just under 2 GiB), codecs taking turns every 2000 records. */
    private static void realistic(Cluster cluster, Path logDir, long target) throws Exception {
        createTopic(cluster, "realistic", 1, Integer.MAX_VALUE - (64 << 20));
        SplittableRandom random = new SplittableRandom(42);
        RecordText text = new RecordText(random);
        KafkaProducer<byte[], byte[]>[] producers = openProducers(cluster);
        try {
            long sent = 0;
            while (segmentBytes(logDir, "realistic-") < target) {
                for (int c = 0; c < CODECS.size(); c++) {
                    for (int i = 0; i < 2000; i++, sent++) {
                        byte[] key = ("user-" + random.nextInt(1_000_000)).getBytes(StandardCharsets.UTF_8);
                        producers[c].send(new ProducerRecord<>("realistic", key, text.value(sent, 200 + random.nextInt(825))));
                    }
                    producers[c].flush();
                }
                System.out.printf("  realistic: %d records, %d MiB on disk%n", sent, segmentBytes(logDir, "realistic-") >> 20);
            }
        } finally {
            for (KafkaProducer<byte[], byte[]> p : producers) {
                p.close();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static KafkaProducer<byte[], byte[]>[] openProducers(Cluster cluster) {
        KafkaProducer<byte[], byte[]>[] producers = new KafkaProducer[CODECS.size()];
        for (int c = 0; c < CODECS.size(); c++) {
            producers[c] = new KafkaProducer<>(producer(cluster, CODECS.get(c), 10, 64 << 10));
        }
        return producers;
    }

    /** Eight partitions of single-record batches: batch.size=1 closes every batch after its first record. */
    private static void tiny(Cluster cluster, Path logDir, long target) throws Exception {
        createTopic(cluster, "tiny", 8, 1L << 30);
        SplittableRandom random = new SplittableRandom(7);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producer(cluster, "none", 0, 1))) {
            long sent = 0;
            while (segmentBytes(logDir, "tiny-") < target) {
                for (int i = 0; i < 50_000; i++, sent++) {
                    byte[] key = ("k" + (sent % 100_000)).getBytes(StandardCharsets.UTF_8);
                    byte[] value = ("{\"v\":" + random.nextInt(1_000_000) + "}").getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>("tiny", (int) (sent % 8), key, value));
                }
                producer.flush();
                System.out.printf("  tiny: %d records, %d MiB on disk%n", sent, segmentBytes(logDir, "tiny-") >> 20);
            }
        }
    }

    /** Bytes of every {@code .log} file in the partition dirs whose names start with {@code prefix}. */
    static long segmentBytes(Path logDir, String prefix) throws IOException {
        if (!Files.isDirectory(logDir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(logDir, 2)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".log"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith(prefix))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
