package dev.kfsck.testdata;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a fixture's {@code manifest.json} records: what the broker reported just before it was stopped, and every
 * file of the fixture with its real length.
 *
 * @param scenario          the scenario name (the fixture's directory name)
 * @param kafkaVersion      the Kafka version of the broker that wrote the files
 * @param shutdown          {@code SIGKILL} or {@code SIGTERM}
 * @param quorumMode        {@code STATIC} (controller.quorum.voters) or {@code DYNAMIC} (formatted --standalone)
 * @param clusterId         the cluster id the storage was formatted with
 * @param kraftVersion      kraft.version: 0 for a static quorum, 1 for a dynamic one
 * @param finalizedFeatures the finalized feature levels the broker reported (metadata.version, kraft.version, ...)
 * @param quorum            the metadata quorum as Admin.describeMetadataQuorum reported it
 * @param nodes             the nodes, each with its directory in the fixture
 * @param topics            every topic (internal ones too) with every partition's offsets as the broker reported them
 * @param files             every file of the fixture (paths relative to the scenario directory)
 * @param directories       every directory of the fixture (so empty ones are restored too)
 * @param tuning            the server.properties settings besides ids, listeners, voters and log dirs
 * @param notes             what the scenario did, in words
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(String scenario, String kafkaVersion, String shutdown, String quorumMode, String clusterId,
                       int kraftVersion, Map<String, Short> finalizedFeatures, Quorum quorum, List<Node> nodes,
                       List<Topic> topics, List<FileEntry> files, List<String> directories,
                       Map<String, String> tuning, List<String> notes) {

    /** The metadata quorum: leader, its epoch, the metadata log's high watermark and the voter ids. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Quorum(int leaderId, long leaderEpoch, long highWatermark, List<Integer> voters) {
    }

    /**
     * One node.
     *
     * @param dir               its directory relative to the scenario directory, e.g. {@code node-1}
     * @param logDir            its (single) log dir, which also holds {@code __cluster_metadata-0}, e.g. {@code node-1/data}
     * @param directoryId       the {@code directory.id} of that log dir's meta.properties
     * @param brokerPort        the PLAINTEXT port it listened on when the fixture was written
     * @param controllerPort    the CONTROLLER port it listened on when the fixture was written
     * @param metadataSnapshots the {@code __cluster_metadata-0} snapshot ids (file names without .checkpoint)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Node(int nodeId, String dir, String logDir, String directoryId, int brokerPort, int controllerPort,
                       List<String> metadataSnapshots) {
    }

    /** One topic. {@code configs} are the topic-level overrides the broker reported (non-default sources). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Topic(String name, String topicId, boolean internal, Map<String, String> configs,
                        List<Partition> partitions) {
    }

    /**
     * One partition as the broker reported it.
     *
     * @param leaderEpoch      the leader epoch ListOffsets(latest) returned
     * @param logStartOffset   ListOffsets(earliest)
     * @param endOffset        ListOffsets(latest), read_uncommitted: the offset a consumer sees as the end
     * @param highWatermark    the high watermark (the same number as endOffset: ListOffsets(latest) returns it)
     * @param lastStableOffset ListOffsets(latest), read_committed
     * @param logEndOffset     the leader's log end offset: high watermark + the offsetLag DescribeLogDirs reported
     * @param sizeBytes        the partition's size on disk as DescribeLogDirs reported it on the leader
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Partition(int partition, int leader, int leaderEpoch, List<Integer> replicas, List<Integer> isr,
                            long logStartOffset, long endOffset, long highWatermark, long lastStableOffset,
                            long logEndOffset, long sizeBytes) {
    }

    /**
     * One file of the fixture.
     *
     * @param path         relative to the scenario directory, '/'-separated
     * @param length       its length as the broker left it
     * @param storedLength its length in the repository: less than {@code length} when a tail of zero bytes (Kafka's
     *                     preallocated index space) was trimmed; {@link Fixtures#copy} appends those zeros back
     * @param mode         POSIX permissions as the broker left them, e.g. {@code rw-r--r--}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileEntry(String path, long length, long storedLength, String mode) {
    }

    public Optional<Topic> topic(String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Node node(int nodeId) {
        return nodes.stream().filter(n -> n.nodeId() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId + " in " + scenario));
    }

    /** The first node (the only one in single-node scenarios). */
    public Node firstNode() {
        return nodes.get(0);
    }
}
