package dev.kfsck.core.format.metadata;

import dev.kfsck.core.finding.Parsed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A snapshot written by Kafka 3.9.1's own classes (loaded in an isolated class loader from the local Maven repository)
 * decodes with 4.3.1's serde and image code, with the same topics, partitions and brokers.
 */
class Kafka39CompatibilityTest {

    @TempDir
    Path dir;

    private static final String[] JARS = {
        "org/apache/kafka/kafka-metadata/3.9.1/kafka-metadata-3.9.1.jar",
        "org/apache/kafka/kafka-raft/3.9.1/kafka-raft-3.9.1.jar",
        "org/apache/kafka/kafka-clients/3.9.1/kafka-clients-3.9.1.jar",
        "org/apache/kafka/kafka-server-common/3.9.1/kafka-server-common-3.9.1.jar",
        "org/slf4j/slf4j-api/1.7.36/slf4j-api-1.7.36.jar",
        "org/pcollections/pcollections/4.0.1/pcollections-4.0.1.jar",
    };

    @Test
    void snapshotWrittenByKafka39DecodesWith43() throws Exception {
        Path repo = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
        List<URL> urls = new ArrayList<>();
        for (String j : JARS) {
            Path p = repo.resolve(j);
            assumeTrue(Files.isRegularFile(p), "Kafka 3.9.1 jars not in the local repository: " + p);
            urls.add(p.toUri().toURL());
        }
        try (URLClassLoader cl = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Path file = write39Snapshot(cl);
            Parsed<MetadataSnapshot> parsed = MetadataSnapshotFile.read("__cluster_metadata-0/" + file.getFileName(), file);
            assertEquals(List.of(), parsed.findings());
            MetadataSnapshot s = parsed.model();
            KafkaMetadataFiles.KafkaView kafka = KafkaMetadataFiles.kafkaRead(file, s.id().orElseThrow());
            assertNull(kafka.failure());
            assertEquals(kafka.dataCounts(), KafkaMetadataFiles.sorted(s.recordCounts()));
            ClusterMetadata m = s.content();
            assertEquals("3.9-IV0", m.metadataVersion().orElseThrow());
            assertEquals(List.of(new TopicEntry("legacy", new org.apache.kafka.common.Uuid(11, 12).toString())), m.topics());
            PartitionEntry p = m.partition("legacy", 0).orElseThrow();
            assertEquals(List.of(1), p.replicas());
            assertEquals(1, p.leader());
            assertEquals(List.of(new org.apache.kafka.common.Uuid(21, 22).toString()), p.directories());
            assertEquals(List.of(new org.apache.kafka.common.Uuid(21, 22).toString()), m.broker(1).orElseThrow().logDirs());
        }
    }

    private Path write39Snapshot(ClassLoader cl) throws Exception {
        Class<?> mvClass = cl.loadClass("org.apache.kafka.server.common.MetadataVersion");
        Object mv = mvClass.getField("IBP_3_9_IV0").get(null);
        Object boot = call(cl.loadClass("org.apache.kafka.metadata.bootstrap.BootstrapMetadata"), null, "fromVersion", mv, "3.9");
        List<Object> records = new ArrayList<>((List<?>) call(boot.getClass(), boot, "records"));

        Object topicId = uuid(cl, 11, 12);
        Object dirId = uuid(cl, 21, 22);
        Object topic = cl.loadClass("org.apache.kafka.common.metadata.TopicRecord").getConstructor().newInstance();
        call(topic.getClass(), topic, "setName", "legacy");
        call(topic.getClass(), topic, "setTopicId", topicId);
        Object partition = cl.loadClass("org.apache.kafka.common.metadata.PartitionRecord").getConstructor().newInstance();
        call(partition.getClass(), partition, "setTopicId", topicId);
        call(partition.getClass(), partition, "setPartitionId", 0);
        call(partition.getClass(), partition, "setReplicas", List.of(1));
        call(partition.getClass(), partition, "setIsr", List.of(1));
        call(partition.getClass(), partition, "setLeader", 1);
        call(partition.getClass(), partition, "setDirectories", List.of(dirId));
        Object broker = cl.loadClass("org.apache.kafka.common.metadata.RegisterBrokerRecord").getConstructor().newInstance();
        call(broker.getClass(), broker, "setBrokerId", 1);
        call(broker.getClass(), broker, "setIncarnationId", uuid(cl, 31, 32));
        call(broker.getClass(), broker, "setBrokerEpoch", 5L);
        call(broker.getClass(), broker, "setLogDirs", List.of(dirId));

        Class<?> amv = cl.loadClass("org.apache.kafka.server.common.ApiMessageAndVersion");
        Class<?> apiMessage = cl.loadClass("org.apache.kafka.common.protocol.ApiMessage");
        records.add(amv.getConstructor(apiMessage, short.class).newInstance(topic, (short) 0));
        records.add(amv.getConstructor(apiMessage, short.class).newInstance(partition, (short) call(mvClass, mv, "partitionRecordVersion")));
        records.add(amv.getConstructor(apiMessage, short.class).newInstance(broker, (short) call(mvClass, mv, "registerBrokerRecordVersion")));

        Object id = cl.loadClass("org.apache.kafka.raft.OffsetAndEpoch").getConstructor(long.class, int.class).newInstance(42L, 3);
        Object raw = call(cl.loadClass("org.apache.kafka.snapshot.FileRawSnapshotWriter"), null, "create", dir, id);
        Class<?> kraft = cl.loadClass("org.apache.kafka.server.common.KRaftVersion");
        Object builder = cl.loadClass("org.apache.kafka.snapshot.RecordsSnapshotWriter$Builder").getConstructor().newInstance();
        call(builder.getClass(), builder, "setRawSnapshotWriter", raw);
        call(builder.getClass(), builder, "setKraftVersion", kraft.getField("KRAFT_VERSION_0").get(null));
        call(builder.getClass(), builder, "setVoterSet", Optional.empty());
        call(builder.getClass(), builder, "setLastContainedLogTimestamp", 1L);
        Object serde = cl.loadClass("org.apache.kafka.metadata.MetadataRecordSerde").getConstructor().newInstance();
        Object writer = call(builder.getClass(), builder, "build", serde);
        call(writer.getClass(), writer, "append", records);
        call(writer.getClass(), writer, "freeze");
        call(writer.getClass(), writer, "close");
        return dir.resolve(new SnapshotId(42, 3).fileName());
    }

    private static Object uuid(ClassLoader cl, long hi, long lo) throws Exception {
        return cl.loadClass("org.apache.kafka.common.Uuid").getConstructor(long.class, long.class).newInstance(hi, lo);
    }

    /** Calls the public method of that name and arity (static when target is null). */
    private static Object call(Class<?> type, Object target, String name, Object... args) throws Exception {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length
                    && (target != null || Modifier.isStatic(m.getModifiers()))) {
                return m.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + name + "/" + args.length);
    }
}
