package dev.kfsck.core.analysis;

import java.util.List;
import java.util.Map;

/**
 * The facts a check learned about one log dir, as plain data, so that reports from separate repair pods can be
 * combined into one cluster view. A fact that could not be read is null.
 *
 * @param nodeId      meta.properties node.id
 * @param clusterId   meta.properties cluster.id
 * @param directoryId meta.properties directory.id
 * @param kraftVersion the kraft.version in force (from the metadata, bootstrap.checkpoint or quorum-state)
 * @param quorum      the quorum-state, when this dir holds the metadata log
 * @param metadataLog the metadata log, when this dir holds it
 * @param partitions  every live data partition, by {@code topic-partition}
 * @param metadataDigest a bounded summary of the metadata log's batches, for comparing nodes' logs
 * @param metadataImage  the cluster metadata this dir's snapshot and metadata log hold
 */
public record LogDirFacts(Integer nodeId, String clusterId, String directoryId, Integer kraftVersion,
                          Quorum quorum, MetadataLog metadataLog, Map<String, Partition> partitions,
                          MetadataDigest metadataDigest, MetadataImageFacts metadataImage) {

    /** Facts without the metadata digest and image. */
    public LogDirFacts(Integer nodeId, String clusterId, String directoryId, Integer kraftVersion,
                       Quorum quorum, MetadataLog metadataLog, Map<String, Partition> partitions) {
        this(nodeId, clusterId, directoryId, kraftVersion, quorum, metadataLog, partitions, null, null);
    }

    /** quorum-state as read. */
    public record Quorum(int dataVersion, int leaderId, int leaderEpoch, int votedId, String votedDirectoryId,
                         List<Integer> voters) {
    }

    /** The metadata log: offsets, last raft epoch and snapshot ids ({@code <endOffset>-<epoch>}). */
    public record MetadataLog(long startOffset, long endOffset, int lastEpoch, List<EpochStart> epochs,
                              List<String> snapshotIds, List<Integer> voters) {
    }

    /** One leader-epoch entry: the epoch and the first offset written in it. */
    public record EpochStart(int epoch, long startOffset) {
    }

    /** One partition replica on this dir. Offsets that could not be read are null. */
    public record Partition(String topicId, Long logStartOffset, Long logEndOffset, Long highWatermark,
                            Long recoveryPoint, List<EpochStart> leaderEpochs) {
    }
}
