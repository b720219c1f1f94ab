package dev.kfsck.core.repair.plan.trips;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The records of one partition as offset → digest of key and value: read from segment files with Kafka's own
 * {@link FileRecords}, or fetched from a running broker with Kafka's consumer. Comparing the two shows that a broker
 * started on a repaired dir serves every record of the undamaged original, less exactly what the plan gave up.
 */
final class ServedRecords {

    private ServedRecords() {
    }

    /** The data records (control batches left out) below {@code end} in a partition folder, as Kafka's classes read them. */
    static TreeMap<Long, Long> onDisk(Path partitionDir, long end) throws IOException {
        TreeMap<Long, Long> out = new TreeMap<>();
        List<Path> logs;
        try (Stream<Path> s = Files.list(partitionDir)) {
            logs = s.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        }
        for (Path log : logs) {
            try (FileRecords fr = FileRecords.open(new File(log.toString()), false)) {
                for (RecordBatch b : fr.batches()) {
                    if (b.isControlBatch()) continue;
                    for (Record r : b) {
                        if (r.offset() < end) out.put(r.offset(), digest(r.key() == null ? null : bytes(r.key()), r.value() == null ? null : bytes(r.value())));
                    }
                }
            }
        }
        return out;
    }

    /** Every record from the log start to {@code end} that the broker serves to a read_uncommitted consumer. */
    static TreeMap<Long, Long> fetched(String bootstrap, TopicPartition tp, long end) {
        TreeMap<Long, Long> out = new TreeMap<>();
        if (end <= 0) return out;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (c.position(tp, Duration.ofSeconds(10)) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end) out.put(r.offset(), digest(r.key(), r.value()));
                }
            }
        }
        return out;
    }

    private static byte[] bytes(java.nio.ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    private static long digest(byte[] key, byte[] value) {
        CRC32C crc = new CRC32C();
        crc.update(key == null ? -1 : key.length);
        if (key != null) crc.update(key);
        long k = crc.getValue();
        crc.reset();
        if (value != null) crc.update(value);
        return (k << 32) ^ crc.getValue() ^ (value == null ? 0x5A5A5A5AL : value.length);
    }
}
