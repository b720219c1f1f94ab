package dev.kfsck.core.analysis;

import java.util.Map;
import java.util.TreeMap;

/**
 * Collects a dir's facts from what its passes left in the context. Each pass fills only its own keys, so passes
 * stay independent of each other.
 */
public final class Facts {

    /** node.id, cluster.id, directory.id from meta.properties. */
    public record Identity(Integer nodeId, String clusterId, String directoryId) {
    }

    public static final LogDirContext.Key<Identity> IDENTITY = new LogDirContext.Key<>("identity");
    public static final LogDirContext.Key<Integer> KRAFT_VERSION = new LogDirContext.Key<>("kraft.version");
    public static final LogDirContext.Key<LogDirFacts.Quorum> QUORUM = new LogDirContext.Key<>("quorum");
    public static final LogDirContext.Key<LogDirFacts.MetadataLog> METADATA_LOG = new LogDirContext.Key<>("metadata log");
    /** Filled partition by partition; a pass may add to it. */
    public static final LogDirContext.Key<Map<String, LogDirFacts.Partition>> PARTITIONS = new LogDirContext.Key<>("partitions");
    public static final LogDirContext.Key<MetadataDigest> METADATA_DIGEST = new LogDirContext.Key<>("metadata digest");
    public static final LogDirContext.Key<MetadataImageFacts> METADATA_IMAGE = new LogDirContext.Key<>("metadata image");

    private Facts() {
    }

    static LogDirFacts of(LogDirContext ctx) {
        Identity id = ctx.get(IDENTITY);
        Map<String, LogDirFacts.Partition> partitions = ctx.get(PARTITIONS);
        return new LogDirFacts(
                id == null ? null : id.nodeId(),
                id == null ? null : id.clusterId(),
                id == null ? null : id.directoryId(),
                ctx.get(KRAFT_VERSION),
                ctx.get(QUORUM),
                ctx.get(METADATA_LOG),
                partitions == null ? Map.of() : Map.copyOf(new TreeMap<>(partitions)),
                ctx.get(METADATA_DIGEST),
                ctx.get(METADATA_IMAGE));
    }
}
