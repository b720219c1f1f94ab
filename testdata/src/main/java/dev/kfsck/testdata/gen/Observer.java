package dev.kfsck.testdata.gen;

import dev.kfsck.testdata.Manifest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

/** Asks a running cluster, through Kafka's Admin client, what it reports: topics, offsets, quorum, features. */
final class Observer {

    private static final long TIMEOUT_S = 15;

    private final Admin admin;

    Observer(Admin admin) {
        this.admin = admin;
    }

    Manifest.Quorum quorum() throws Exception {
        QuorumInfo q = admin.describeMetadataQuorum().quorumInfo().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<Integer> voters = q.voters().stream().map(QuorumInfo.ReplicaState::replicaId).sorted().toList();
        return new Manifest.Quorum(q.leaderId(), q.leaderEpoch(), q.highWatermark(), voters);
    }

    Map<String, Short> finalizedFeatures() throws Exception {
        FeatureMetadata f = admin.describeFeatures().featureMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<String, Short> out = new TreeMap<>();
        f.finalizedFeatures().forEach((name, range) -> out.put(name, range.maxVersionLevel()));
        return out;
    }

    List<Manifest.Topic> topics(Collection<Integer> brokerIds) throws Exception {
        var names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<String, TopicDescription> descriptions =
                admin.describeTopics(names).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<TopicPartition> tps = new ArrayList<>();
        descriptions.values().forEach(d -> d.partitions().forEach(p -> tps.add(new TopicPartition(d.name(), p.partition()))));

        Map<TopicPartition, ListOffsetsResultInfo> earliest = offsets(tps, OffsetSpec.earliest(), IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, ListOffsetsResultInfo> latest = offsets(tps, OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, ListOffsetsResultInfo> stable = offsets(tps, OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
        Map<Integer, Map<TopicPartition, ReplicaInfo>> replicaInfos = replicaInfos(brokerIds);

        List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(TIMEOUT_S, TimeUnit.SECONDS);

        List<Manifest.Topic> out = new ArrayList<>();
        for (TopicDescription d : descriptions.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            List<Manifest.Partition> parts = new ArrayList<>();
            for (TopicPartitionInfo p : d.partitions()) {
                TopicPartition tp = new TopicPartition(d.name(), p.partition());
                int leader = p.leader() == null ? -1 : p.leader().id();
                ListOffsetsResultInfo end = latest.get(tp);
                ReplicaInfo ri = replicaInfos.getOrDefault(leader, Map.of()).get(tp);
                long hw = end.offset();
                parts.add(new Manifest.Partition(p.partition(), leader, end.leaderEpoch().orElse(-1),
                        p.replicas().stream().map(Node::id).toList(), p.isr().stream().map(Node::id).toList(),
                        earliest.get(tp).offset(), hw, hw, stable.get(tp).offset(),
                        ri == null ? -1 : hw + ri.offsetLag(), ri == null ? -1 : ri.size()));
            }
            Map<String, String> overrides = new TreeMap<>();
            Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, d.name()));
            for (ConfigEntry e : c.entries()) {
                if (e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                    overrides.put(e.name(), e.value());
                }
            }
            out.add(new Manifest.Topic(d.name(), d.topicId().toString(), d.isInternal(), overrides, parts));
        }
        return out;
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(List<TopicPartition> tps, OffsetSpec spec,
                                                              IsolationLevel isolation) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        tps.forEach(tp -> request.put(tp, spec));
        return admin.listOffsets(request, new ListOffsetsOptions(isolation)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private Map<Integer, Map<TopicPartition, ReplicaInfo>> replicaInfos(Collection<Integer> brokerIds) throws Exception {
        Map<Integer, Map<String, LogDirDescription>> dirs =
                admin.describeLogDirs(brokerIds).allDescriptions().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<Integer, Map<TopicPartition, ReplicaInfo>> out = new HashMap<>();
        dirs.forEach((broker, byDir) -> {
            Map<TopicPartition, ReplicaInfo> m = new HashMap<>();
            byDir.values().forEach(d -> m.putAll(d.replicaInfos()));
            out.put(broker, m);
        });
        return out;
    }
}
