package dev.kfsck.core.repair.plan.trips;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The records of one partition as offset → digest of key and value: read from segment files with Kafka's own
 * {@link FileRecords}, or fetched from a running broker with Kafka's consumer. Comparing the two shows that a broker
 * started on a repaired dir serves every record of the undamaged original, less exactly what the plan gave up, and
 * what a read_committed consumer gets compared with the committed records the log's own abort markers leave.
 */
public final class ServedRecords {

    private ServedRecords() {
    }

    /** The data records (control batches left out) below {@code end} in a partition folder, as Kafka's classes read them. */
    public static TreeMap<Long, Long> onDisk(Path partitionDir, long end) throws IOException {
        TreeMap<Long, Long> out = new TreeMap<>();
        for (Path log : logs(partitionDir)) {
            try (FileRecords fr = FileRecords.open(new File(log.toString()), false)) {
                for (RecordBatch b : fr.batches()) {
                    if (b.isControlBatch()) continue;
                    for (Record r : b) {
                        if (r.offset() < end) out.put(r.offset(), digest(r));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The data records below {@code end} a read_committed consumer should get, from the log's own markers: every
     * non-transactional record, and a transaction's records once its COMMIT marker is read (an ABORT drops them).
     */
    public static TreeMap<Long, Long> committedOnDisk(Path partitionDir, long end) throws IOException {
        TreeMap<Long, Long> out = new TreeMap<>();
        Map<Long, List<long[]>> open = new HashMap<>(); // producer id -> (offset, digest) of its open transaction
        for (Path log : logs(partitionDir)) {
            try (FileRecords fr = FileRecords.open(new File(log.toString()), false)) {
                for (RecordBatch b : fr.batches()) {
                    if (b.isControlBatch()) {
                        Record marker = b.iterator().next();
                        List<long[]> txn = open.remove(b.producerId());
                        if (txn != null && ControlRecordType.parse(marker.key()) == ControlRecordType.COMMIT) {
                            txn.forEach(r -> out.put(r[0], r[1]));
                        }
                        continue;
                    }
                    for (Record r : b) {
                        long[] kept = {r.offset(), digest(r)};
                        if (b.isTransactional()) open.computeIfAbsent(b.producerId(), k -> new ArrayList<>()).add(kept);
                        else out.put(kept[0], kept[1]);
                    }
                }
            }
        }
        out.keySet().removeIf(offset -> offset >= end);
        return out;
    }

    /** Every record from the log start to {@code end} that the broker serves to a read_uncommitted consumer. */
    static TreeMap<Long, Long> fetched(String bootstrap, TopicPartition tp, long end) {
        return fetched(bootstrap, tp, end, "read_uncommitted");
    }

    /** Every record from the log start to {@code end} (at most the last stable offset) served to a read_committed consumer. */
    public static TreeMap<Long, Long> fetchedCommitted(String bootstrap, TopicPartition tp, long end) {
        return fetched(bootstrap, tp, end, "read_committed");
    }

    private static TreeMap<Long, Long> fetched(String bootstrap, TopicPartition tp, long end, String isolation) {
        TreeMap<Long, Long> out = new TreeMap<>();
        if (end <= 0) return out;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
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

    private static List<Path> logs(Path partitionDir) throws IOException {
        try (Stream<Path> s = Files.list(partitionDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    private static long digest(Record r) {
        return digest(r.key() == null ? null : bytes(r.key()), r.value() == null ? null : bytes(r.value()));
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
