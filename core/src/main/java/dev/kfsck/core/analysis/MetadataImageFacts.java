package dev.kfsck.core.analysis;

import java.util.List;
import java.util.Map;

/**
 * The cluster metadata a node's metadata log dir holds, built as Kafka's loader would (the newest intact snapshot,
 * then the log after it), in a compact form for reports: topics with their ids and partitions (replicas, ISR,
 * leader, leader epoch, directory of each replica), broker registrations, features and voters.
 *
 * @param snapshotId      the snapshot it starts from ({@code <endOffset>-<epoch>}), or empty when none
 * @param endOffset       the offset after the last record it contains
 * @param lastEpoch       the raft epoch of the last record it contains, or -1
 * @param metadataVersion the metadata.version name, or null when none was recorded
 * @param kraftVersion    the kraft.version recorded, or null when none (static voters)
 * @param features        finalized feature levels
 * @param topics          topics by name
 * @param brokers         broker registrations by id
 * @param controllers     registered controller ids
 * @param voters          the voters of the last VotersRecord (empty with static voters)
 */
public record MetadataImageFacts(String snapshotId, long endOffset, int lastEpoch, String metadataVersion,
                                 Integer kraftVersion, Map<String, Integer> features, List<Topic> topics,
                                 List<Broker> brokers, List<Integer> controllers, List<Voter> voters) {

    public MetadataImageFacts {
        features = Map.copyOf(features);
        topics = List.copyOf(topics);
        brokers = List.copyOf(brokers);
        controllers = List.copyOf(controllers);
        voters = List.copyOf(voters);
    }

    /** A topic, its id (base64 Uuid, as in partition.metadata) and its partitions by number. */
    public record Topic(String name, String id, List<Partition> partitions) {
        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * A partition's registration.
     *
     * @param directories the directory id assigned to each replica, in the order of {@code replicas}
     */
    public record Partition(int partition, List<Integer> replicas, List<Integer> isr, int leader, int leaderEpoch,
                            int partitionEpoch, List<String> directories) {
        public Partition {
            replicas = List.copyOf(replicas);
            isr = List.copyOf(isr);
            directories = List.copyOf(directories);
        }
    }

    /** A broker registration. */
    public record Broker(int id, long epoch, boolean fenced, List<String> logDirs) {
        public Broker {
            logDirs = List.copyOf(logDirs);
        }
    }

    /** A voter: node id and metadata directory id. */
    public record Voter(int id, String directoryId) {
    }

    public java.util.Optional<Topic> topic(String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
