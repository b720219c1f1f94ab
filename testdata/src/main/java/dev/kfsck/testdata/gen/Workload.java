package dev.kfsck.testdata.gen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The traffic a scenario drives through Kafka's own clients. Deterministic keys and values; only timestamps vary. */
final class Workload {

    static final List<String> CODECS = List.of("none", "gzip", "snappy", "lz4", "zstd");

    private final String bootstrap;
    private final Admin admin;
    /** {@code internal.segment.bytes} on 4.x (whose segment.bytes has a 1 MiB minimum), {@code segment.bytes} on 3.9. */
    private final String segmentBytesKey;
    final List<String> notes = new ArrayList<>();

    Workload(String bootstrap, Admin admin, String segmentBytesKey) {
        this.bootstrap = bootstrap;
        this.admin = admin;
        this.segmentBytesKey = segmentBytesKey;
    }

    void createTopic(String name, int partitions, int rf, int segmentBytes, Map<String, String> extra) throws Exception {
        Map<String, String> configs = new HashMap<>(extra);
        configs.put(segmentBytesKey, Integer.toString(segmentBytes));
        configs.put("segment.index.bytes", "1024");
        configs.put("index.interval.bytes", "1024");
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) rf).configs(configs))).all()
                .get(30, TimeUnit.SECONDS);
        System.out.println("  created " + name);
        notes.add("topic " + name + ": " + partitions + " partitions, RF " + rf + ", " + configs);
    }

    private Properties producerProps(String codec) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "4096");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
        return p;
    }

    /** {@code perCodec} records with each codec, one idempotent producer per codec, in several flushed rounds. */
    void produceInEveryCodec(String topic, int perCodec) {
        for (String codec : CODECS) {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(codec))) {
                for (int i = 0; i < perCodec; i++) {
                    String key = "order-" + codec + "-" + i;
                    producer.send(new ProducerRecord<>(topic, key, value(codec, i)));
                    if (i % 50 == 49) {
                        producer.flush();
                    }
                }
                producer.flush();
            }
        }
        notes.add(topic + ": " + perCodec + " records with each of " + CODECS + " (idempotent producers, acks=all)");
    }

    private static String value(String codec, int i) {
        return "{\"order\":" + i + ",\"codec\":\"" + codec + "\",\"item\":\"widget-" + (i % 17)
                + "\",\"qty\":" + (i % 9 + 1) + ",\"note\":\"" + "x".repeat(i % 40) + "\"}";
    }

    /**
     * Updates a small key space in rounds, waiting past segment.ms between rounds so that segments roll, then waits
     * for the log cleaner to record the partition in {@code cleaner-offset-checkpoint}.
     */
    void compactedUpdates(String topic, int rounds, int perRound, int keys, long pauseMs, Path logDir) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps("none"))) {
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < perRound; i++) {
                    int k = i % keys;
                    String value = (r == rounds - 1 && k % 10 == 0) ? null : "{\"customer\":" + k + ",\"rev\":" + r + "}";
                    producer.send(new ProducerRecord<>(topic, "customer-" + k, value));
                }
                producer.flush();
                Thread.sleep(pauseMs);
            }
            // One more record so that the last round's segment rolls too.
            producer.send(new ProducerRecord<>(topic, "customer-0", "{\"customer\":0,\"rev\":\"final\"}"));
            producer.flush();
        }
        notes.add(topic + ": " + rounds + " rounds of " + perRound + " updates over " + keys
                + " keys (tombstones for every 10th key in the last round)");
        awaitFileMentions(logDir.resolve("cleaner-offset-checkpoint"), topic + " ", Duration.ofSeconds(60));
        notes.add(topic + ": the log cleaner ran (cleaner-offset-checkpoint names it)");
    }

    /** Transactions of {@code perTxn} records each; every third one is aborted. */
    void transactions(String topic, String transactionalId, int count, int perTxn) {
        Properties p = producerProps("lz4");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        int aborted = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            for (int t = 0; t < count; t++) {
                producer.beginTransaction();
                for (int i = 0; i < perTxn; i++) {
                    producer.send(new ProducerRecord<>(topic, "payment-" + (t * perTxn + i), "{\"txn\":" + t + ",\"i\":" + i + "}"));
                }
                // Flushed first, so an aborted transaction's records reach the log and get an ABORT marker.
                producer.flush();
                if (t % 3 == 2) {
                    producer.abortTransaction();
                    aborted++;
                } else {
                    producer.commitTransaction();
                }
            }
        }
        notes.add(topic + ": " + count + " transactions of " + perTxn + " records by " + transactionalId + ", "
                + aborted + " aborted");
    }

    /** A consumer group that reads {@code topic} to its end (at least {@code expected} records) and commits. */
    long consumeAndCommit(String topic, String group, long expected, boolean readCommitted) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        long read = 0;
        long deadline = System.currentTimeMillis() + 60_000;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (read < expected && System.currentTimeMillis() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                read += records.count();
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
            consumer.commitSync();
        }
        notes.add("group " + group + " read " + read + " records of " + topic + " and committed offsets");
        return read;
    }

    /**
     * Creates a few topics and alters their configs until the metadata log holds {@code minSnapshots} snapshots
     * (each node writes one every metadata.log.max.record.bytes.between.snapshots bytes).
     */
    void metadataChurn(Path metadataDir, int minSnapshots, int rf) throws Exception {
        List<String> churn = List.of("churn-a", "churn-b", "churn-c");
        for (String name : churn) {
            createTopic(name, 1, rf, 16384, Map.of());
        }
        int changes = 0;
        long deadline = System.currentTimeMillis() + 120_000;
        while (snapshots(metadataDir) < minSnapshots && System.currentTimeMillis() < deadline) {
            for (String name : churn) {
                ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, name);
                AlterConfigOp op = new AlterConfigOp(new ConfigEntry("retention.ms", Long.toString(86_400_000L + changes)),
                        AlterConfigOp.OpType.SET);
                admin.incrementalAlterConfigs(Map.of(r, List.of(op))).all().get(30, TimeUnit.SECONDS);
                changes++;
            }
            if (changes % 30 == 0) {
                Thread.sleep(500);
            }
        }
        notes.add("metadata churn: topics " + churn + " created, " + changes + " retention.ms changes; "
                + snapshots(metadataDir) + " metadata snapshots");
    }

    static long snapshots(Path metadataDir) throws IOException {
        if (!Files.isDirectory(metadataDir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(metadataDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".checkpoint")
                    && !p.getFileName().toString().startsWith("00000000000000000000-0000000000")).count();
        }
    }

    static void awaitFileMentions(Path file, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(file) && Files.readString(file).contains(text)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(file + " never mentioned '" + text + "' within " + timeout);
    }
}
