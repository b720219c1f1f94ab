package dev.kfsck.core.format.metadata;

import java.util.List;

/**
 * A partition of the metadata image.
 *
 * @param topic          topic name
 * @param topicId        topic id (base64 Kafka Uuid)
 * @param partition      partition number
 * @param replicas       replica broker ids, preferred leader first
 * @param isr            in-sync replicas
 * @param leader         leader broker id, -1 for none
 * @param leaderEpoch    leader epoch
 * @param partitionEpoch partition epoch
 * @param directories    the log dir id of each replica, in the order of {@code replicas}
 */
public record PartitionEntry(String topic, String topicId, int partition, List<Integer> replicas, List<Integer> isr,
                             int leader, int leaderEpoch, int partitionEpoch, List<String> directories) {

    public PartitionEntry {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
        directories = List.copyOf(directories);
    }

    /** The directory id the image assigns to a replica on this broker, or null when it is not a replica. */
    public String directoryOf(int brokerId) {
        int i = replicas.indexOf(brokerId);
        return i < 0 || i >= directories.size() ? null : directories.get(i);
    }
}
