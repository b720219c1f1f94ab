package dev.kfsck.core.format.checkpoint;

import dev.kfsck.core.finding.KafkaReaction;

/** Which checkpoint a file is: the format is shared, Kafka's reaction to damage is not. */
public enum CheckpointKind {
    /** High watermarks, read lazily by ReplicaManager. */
    REPLICATION_OFFSET("replication-offset-checkpoint", 3),
    /** Recovery points, read by LogManager at startup. */
    RECOVERY_POINT("recovery-point-offset-checkpoint", 3),
    /** Log start offsets, read by LogManager at startup. */
    LOG_START_OFFSET("log-start-offset-checkpoint", 3),
    /** First dirty offsets of compacted partitions, read by the log cleaner. */
    CLEANER_OFFSET("cleaner-offset-checkpoint", 3),
    /** leader-epoch-checkpoint of a data partition. */
    LEADER_EPOCH("leader-epoch-checkpoint", 2),
    /** leader-epoch-checkpoint of {@code __cluster_metadata-0}: the raft epochs. */
    METADATA_LEADER_EPOCH("leader-epoch-checkpoint", 2);

    private final String fileName;
    private final int fields;

    CheckpointKind(String fileName, int fields) {
        this.fileName = fileName;
        this.fields = fields;
    }

    public String fileName() {
        return fileName;
    }

    /** Whitespace-separated fields per entry line. */
    public int fields() {
        return fields;
    }

    public boolean isLeaderEpoch() {
        return fields == 2;
    }

    /**
     * What Kafka does when reading fails with an IOException. For every checkpoint but the metadata log's it marks
     * the log dir offline; the raft log is built with a private failure channel nobody drains, so for
     * {@code __cluster_metadata-0} the exception instead ends the process.
     */
    public KafkaReaction ioFailureReaction() {
        return this == METADATA_LEADER_EPOCH ? KafkaReaction.STARTUP_FATAL : KafkaReaction.LOG_DIR_OFFLINE;
    }

    /** The kind of a checkpoint by its path relative to the log dir, or null when the name is not a checkpoint. */
    public static CheckpointKind ofPath(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.equals("leader-epoch-checkpoint")) {
            return path.contains("__cluster_metadata-0/") ? METADATA_LEADER_EPOCH : LEADER_EPOCH;
        }
        for (CheckpointKind k : values()) {
            if (k.fields == 3 && k.fileName.equals(name)) return k;
        }
        return null;
    }
}
