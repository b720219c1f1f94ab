package dev.kfsck.core.format.metadata;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The cluster metadata as Kafka would load it, built offline from a snapshot and the metadata log: immutable, with
 * Kafka types replaced by plain values.
 *
 * @param topics              topics, sorted by name
 * @param partitions          partitions, sorted by topic name then partition
 * @param brokers             broker registrations, sorted by id
 * @param controllers         controller registrations, sorted by id
 * @param features            finalized feature levels, including {@code metadata.version} when known
 * @param metadataVersion     the metadata.version name (such as {@code 4.3-IV0}), or empty when none was recorded
 * @param kraftVersion        the kraft.version from the last {@code KRaftVersionRecord}, or empty when there was none
 *                            (Kafka then uses 0: static voters)
 * @param voters              the voters of the last {@code VotersRecord} (empty with static voters)
 * @param provenance          the snapshot and log offsets it came from
 */
public record ClusterMetadata(List<TopicEntry> topics, List<PartitionEntry> partitions, List<BrokerEntry> brokers,
                              List<ControllerEntry> controllers, Map<String, Short> features,
                              Optional<String> metadataVersion, OptionalInt kraftVersion, List<Voter> voters,
                              ImageProvenance provenance) {

    public static final String METADATA_VERSION = "metadata.version";

    public ClusterMetadata {
        topics = List.copyOf(topics);
        partitions = List.copyOf(partitions);
        brokers = List.copyOf(brokers);
        controllers = List.copyOf(controllers);
        features = Map.copyOf(features);
        voters = List.copyOf(voters);
    }

    public Optional<TopicEntry> topic(String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<TopicEntry> topicById(String id) {
        return topics.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public Optional<PartitionEntry> partition(String topic, int partition) {
        return partitions.stream().filter(p -> p.topic().equals(topic) && p.partition() == partition).findFirst();
    }

    /** The partitions that list this broker as a replica. */
    public List<PartitionEntry> partitionsOn(int brokerId) {
        return partitions.stream().filter(p -> p.replicas().contains(brokerId)).toList();
    }

    public Optional<BrokerEntry> broker(int id) {
        return brokers.stream().filter(b -> b.id() == id).findFirst();
    }

    /** The metadata.version feature level, when recorded. */
    public Optional<Short> metadataVersionLevel() {
        return Optional.ofNullable(features.get(METADATA_VERSION));
    }
}
