package dev.kfsck.core.format.metadata;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.VotersRecord;
import org.apache.kafka.common.metadata.FeatureLevelRecord;
import org.apache.kafka.common.metadata.MetadataRecordType;
import org.apache.kafka.common.metadata.PartitionChangeRecord;
import org.apache.kafka.common.metadata.PartitionRecord;
import org.apache.kafka.common.metadata.RegisterBrokerRecord;
import org.apache.kafka.common.metadata.RegisterControllerRecord;
import org.apache.kafka.common.metadata.TopicRecord;
import org.apache.kafka.common.message.KRaftVersionRecord;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.metadata.MetadataRecordSerde;
import org.apache.kafka.raft.Batch;
import org.apache.kafka.raft.ControlRecord;
import org.apache.kafka.raft.VoterSet;
import org.apache.kafka.server.common.ApiMessageAndVersion;
import org.apache.kafka.server.common.KRaftVersion;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.server.common.OffsetAndEpoch;
import org.apache.kafka.snapshot.FileRawSnapshotReader;
import org.apache.kafka.snapshot.FileRawSnapshotWriter;
import org.apache.kafka.snapshot.RecordsSnapshotReader;
import org.apache.kafka.snapshot.RecordsSnapshotWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Writes metadata files with Kafka's own writers and reads them back with Kafka's own readers, for comparison. */
final class KafkaMetadataFiles {

    static final MetadataVersion MV = MetadataVersion.latestProduction();

    private KafkaMetadataFiles() {
    }

    static Uuid topicId(int i) {
        return new Uuid(0x1000L + i, (0x2000L + i) * 0x9E3779B97F4A7C15L); // spread: Uuid.hashCode xors the halves
    }

    static Uuid dirId(int broker) {
        return new Uuid(0x3000L + broker, 0x4000L + broker);
    }

    /** A small cluster: metadata.version, a controller, 3 brokers, {@code topics} topics with 3 partitions each. */
    static List<ApiMessageAndVersion> cluster(int topics) {
        List<ApiMessageAndVersion> r = new ArrayList<>();
        r.add(new ApiMessageAndVersion(new FeatureLevelRecord().setName(MetadataVersion.FEATURE_NAME)
                .setFeatureLevel(MV.featureLevel()), (short) 0));
        r.add(new ApiMessageAndVersion(new RegisterControllerRecord().setControllerId(1)
                .setIncarnationId(new Uuid(7, 7)), MV.registerControllerRecordVersion()));
        for (int b = 1; b <= 3; b++) {
            r.add(new ApiMessageAndVersion(new RegisterBrokerRecord().setBrokerId(b).setBrokerEpoch(100 + b)
                    .setIncarnationId(new Uuid(9, b)).setLogDirs(List.of(dirId(b))).setFenced(false),
                    MV.registerBrokerRecordVersion()));
        }
        for (int t = 0; t < topics; t++) {
            r.add(new ApiMessageAndVersion(new TopicRecord().setName("topic-" + t).setTopicId(topicId(t)), (short) 0));
            for (int p = 0; p < 3; p++) {
                List<Integer> replicas = List.of(1 + p % 3, 1 + (p + 1) % 3);
                r.add(new ApiMessageAndVersion(new PartitionRecord().setTopicId(topicId(t)).setPartitionId(p)
                        .setReplicas(replicas).setIsr(replicas).setLeader(replicas.get(0)).setLeaderEpoch(p)
                        .setPartitionEpoch(p + 1).setDirectories(replicas.stream().map(KafkaMetadataFiles::dirId).toList()),
                        MV.partitionRecordVersion()));
            }
        }
        return r;
    }

    /** A leader change of partition 0 of topic 0 to broker 2, as a controller writes it. */
    static ApiMessageAndVersion leaderChange() {
        return new ApiMessageAndVersion(new PartitionChangeRecord().setTopicId(topicId(0)).setPartitionId(0).setLeader(2),
                MV.partitionChangeRecordVersion());
    }

    static VoterSet voters(int n) {
        VotersRecord rec = new VotersRecord().setVersion((short) 0);
        for (int i = 1; i <= n; i++) {
            VotersRecord.EndpointCollection eps = new VotersRecord.EndpointCollection();
            eps.add(new VotersRecord.Endpoint().setName("CONTROLLER").setHost("127.0.0.1").setPort(9090 + i));
            rec.voters().add(new VotersRecord.Voter().setVoterId(i).setVoterDirectoryId(new Uuid(0x5000L + i, 1))
                    .setEndpoints(eps).setKRaftVersionFeature(new VotersRecord.KRaftVersionFeature()
                            .setMinSupportedVersion((short) 0).setMaxSupportedVersion((short) 1)));
        }
        return VoterSet.fromVotersRecord(rec);
    }

    /** Writes a frozen snapshot, one Kafka batch per list (at least), and returns its path. */
    static Path writeSnapshot(Path dir, long endOffset, int epoch, KRaftVersion kraftVersion, Optional<VoterSet> voters,
                              List<List<ApiMessageAndVersion>> batches) {
        OffsetAndEpoch id = new OffsetAndEpoch(endOffset, epoch);
        try (RecordsSnapshotWriter<ApiMessageAndVersion> w = new RecordsSnapshotWriter.Builder()
                .setRawSnapshotWriter(FileRawSnapshotWriter.create(dir, id))
                .setKraftVersion(kraftVersion).setVoterSet(voters).setLastContainedLogTimestamp(1_700_000_000_000L).setMaxBatchSizeBytes(1024 * 1024)
                .build(new MetadataRecordSerde())) {
            for (List<ApiMessageAndVersion> b : batches) w.append(b);
            w.freeze();
        }
        return dir.resolve(new SnapshotId(endOffset, epoch).fileName());
    }

    /** What Kafka's RecordsSnapshotReader reads from a copy of a snapshot, or the exception it throws. */
    record KafkaView(Map<String, Integer> dataCounts, Map<String, Integer> controlCounts, Map<String, String> topics,
                     List<Integer> voterIds, List<String> voterDirs, Optional<Integer> kraftVersion, RuntimeException failure) {
    }

    static KafkaView kafkaRead(Path snapshot, SnapshotId id) throws IOException {
        Path copyDir = Files.createTempDirectory("kfsck-kafka-view");
        try {
            Files.copy(snapshot, copyDir.resolve(id.fileName()));
            Map<String, Integer> data = new TreeMap<>();
            Map<String, Integer> control = new TreeMap<>();
            Map<String, String> topics = new TreeMap<>();
            List<Integer> voterIds = new ArrayList<>();
            List<String> voterDirs = new ArrayList<>();
            Integer[] kv = {null};
            RuntimeException failure = null;
            try (FileRawSnapshotReader raw = FileRawSnapshotReader.open(copyDir, new OffsetAndEpoch(id.endOffset(), id.epoch()))) {
                RecordsSnapshotReader<ApiMessageAndVersion> reader = RecordsSnapshotReader.of(raw, new MetadataRecordSerde(),
                        BufferSupplier.create(), 8 * 1024 * 1024, true, new LogContext());
                while (reader.hasNext()) {
                    Batch<ApiMessageAndVersion> batch = reader.next();
                    for (ControlRecord c : batch.controlRecords()) {
                        control.merge(c.type().name(), 1, Integer::sum);
                        if (c.message() instanceof VotersRecord v) {
                            voterIds.clear();
                            voterDirs.clear();
                            v.voters().stream().sorted(Comparator.comparingInt(VotersRecord.Voter::voterId)).forEach(x -> {
                                voterIds.add(x.voterId());
                                voterDirs.add(x.voterDirectoryId().toString());
                            });
                        }
                        if (c.message() instanceof KRaftVersionRecord k) kv[0] = (int) k.kRaftVersion();
                    }
                    for (ApiMessageAndVersion r : batch.records()) {
                        data.merge(MetadataRecordType.fromId(r.message().apiKey()).name(), 1, Integer::sum);
                        if (r.message() instanceof TopicRecord t) topics.put(t.name(), t.topicId().toString());
                    }
                }
                reader.close();
            } catch (RuntimeException e) {
                failure = e;
            }
            return new KafkaView(data, control, topics, voterIds, voterDirs, Optional.ofNullable(kv[0]), failure);
        } finally {
            try (Stream<Path> s = Files.list(copyDir)) {
                for (Path p : s.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(copyDir);
        }
    }

    static Map<String, String> topicsOf(ClusterMetadata m) {
        Map<String, String> out = new TreeMap<>();
        m.topics().forEach(t -> out.put(t.name(), t.id()));
        return out;
    }

    static Map<String, Integer> sorted(Map<String, Integer> m) {
        return new TreeMap<>(new HashMap<>(m));
    }
}
