package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.FindingCode;

import static dev.kfsck.core.finding.KafkaReaction.*;

/**
 * Finding codes of the data-partition pass: relations between a partition's own files, and between a partition and
 * the log dir's root checkpoints and metadata image (fact sheet §11, R9-R14, R18-R21). The damage of each file on its
 * own is reported with the codes of its format package. Ids are stable: never rename one once released.
 */
public final class PartitionCodes {

    private static final String REBUILD_EPOCHS = "rebuild leader-epoch-checkpoint from the partition leader epochs "
            + "of the log's batches (kfsck repair)";
    private static final String REWRITE_PM = "rewrite partition.metadata with the topic id the metadata image gives "
            + "this partition's topic (kfsck repair)";

    public static final FindingCode PM_MISSING = FindingCode.error("PM-MISSING", PARTITION_STRAY,
            "partition.metadata is missing: Kafka finds no topic id, renames the partition -stray, and a new empty "
                    + "replica may replace it (records hidden)", REWRITE_PM);
    public static final FindingCode PM_TOPIC_ID_MISMATCH = FindingCode.error("PM-TOPIC-ID-MISMATCH", PARTITION_STRAY,
            "partition.metadata's topic id is not the id the metadata image gives this topic: Kafka renames the "
                    + "partition -stray, and a new empty replica may replace it (records hidden)",
            "an id one or two characters away from the image's is bit rot: rewrite partition.metadata with the image's "
                    + "topic id (kfsck repair); a wholly other id means another incarnation of the topic (deleted and "
                    + "re-created) or another cluster's copy: a person decides whether its records belong to the topic");
    public static final FindingCode NOT_A_REPLICA = FindingCode.warn("XFILE-NOT-A-REPLICA", PARTITION_STRAY,
            "the metadata image does not list this node as a replica of the partition: Kafka renames it -stray",
            "none needed if the partition was reassigned away; otherwise check the metadata log");

    public static final FindingCode LEC_MISSING = FindingCode.info("LEC-MISSING", TOLERATED,
            "a partition has no leader-epoch-checkpoint: Kafka creates it empty and fills it only from the segments it "
                    + "recovers (none after a clean shutdown)", REBUILD_EPOCHS);
    public static final FindingCode LEC_EPOCH_MISMATCH = FindingCode.warn("LEC-EPOCH-MISMATCH", TOLERATED,
            "a leader-epoch entry disagrees with the partition leader epochs of the batches: Kafka trusts the file, "
                    + "so followers may truncate at the wrong offset", REBUILD_EPOCHS);
    public static final FindingCode LEC_EPOCH_NOT_LISTED = FindingCode.warn("LEC-EPOCH-NOT-LISTED", TOLERATED,
            "batches carry a leader epoch that leader-epoch-checkpoint does not list at that offset", REBUILD_EPOCHS);
    public static final FindingCode LEC_BEYOND_LOG_END = FindingCode.info("LEC-BEYOND-LOG-END", TOLERATED,
            "a leader-epoch entry starts past the log end; Kafka drops it at load", "none needed");

    public static final FindingCode SEGMENT_OVERLAP = FindingCode.error("SEG-OVERLAPS-NEXT", SERVES_CORRUPT,
            "a segment holds offsets at or past the next segment's base offset: two copies of the same offsets, and "
                    + "Kafka does not detect it", "none automatic: decide which copy of the offsets is right");
    public static final FindingCode PSNAP_BEYOND_LOG_END = FindingCode.info("PSNAP-BEYOND-LOG-END", TOLERATED,
            "a producer snapshot is named past the log end; Kafka deletes it at load", "none needed");
    public static final FindingCode PSNAP_STRAY = FindingCode.info("PSNAP-STRAY", TOLERATED,
            "a producer snapshot at neither a segment base offset nor the newest above the last base; Kafka deletes it",
            "none needed");
    public static final FindingCode PSNAP_NOT_CHECKED = FindingCode.info("PSNAP-NOT-CHECKED", TOLERATED,
            "a producer snapshot too large to check in memory", "none needed");

    public static final FindingCode CKPT_NO_FOLDER = FindingCode.info("XFILE-CKPT-NO-FOLDER", TOLERATED,
            "a root checkpoint names a partition that has no folder in this log dir; Kafka ignores the entry and "
                    + "drops it at the next write", "none needed");
    public static final FindingCode FOLDER_NO_CKPT = FindingCode.info("XFILE-FOLDER-NO-CKPT", TOLERATED,
            "a partition folder has no entry in recovery-point-offset-checkpoint or replication-offset-checkpoint: "
                    + "recovery point 0 (the whole log is recovered) and high watermark 0 until leadership is set",
            "none needed");
    public static final FindingCode HW_BEYOND_LOG_END = FindingCode.warn("XFILE-HW-BEYOND-LOG-END", TOLERATED,
            "the high watermark is past the log end Kafka computes: acknowledged records may have been lost; Kafka "
                    + "clamps the high watermark to the log end", "none automatic: look for the lost records on other replicas");
    public static final FindingCode HW_BELOW_LOG_START = FindingCode.warn("XFILE-HW-BELOW-LOG-START", TOLERATED,
            "the high watermark is below the log start offset; Kafka raises it to the log start", "none needed");
    public static final FindingCode RECOVERY_POINT_BEYOND_LOG_END = FindingCode.info("XFILE-RECOVERY-POINT-BEYOND-LOG-END",
            TOLERATED, "the recovery point is past the log end; Kafka still recovers the active segment and lowers it",
            "none needed");
    public static final FindingCode LOG_START_BEYOND_LOG_END = FindingCode.error("XFILE-LOG-START-BEYOND-LOG-END",
            TRUNCATES_ON_RECOVERY, "the log start offset is past the log end: Kafka deletes every segment and "
                    + "restarts the log empty at the log start offset",
            "set the partition's log start offset in log-start-offset-checkpoint to its first segment's base offset (kfsck repair)");
    public static final FindingCode CLEAN_SHUTDOWN_WITH_DAMAGE = FindingCode.error("XFILE-CLEAN-SHUTDOWN-WITH-DAMAGE",
            SERVES_CORRUPT, "a clean-shutdown marker beside damaged segments or indexes: Kafka skips recovery, so the "
                    + "damage is never repaired and is served (or the broker fails computing the log end)",
            "remove the marker so recovery runs (kfsck repair), after repairing what recovery would cut");

    private PartitionCodes() {
    }
}
