package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.FindingCode;

import static dev.kfsck.core.finding.KafkaReaction.*;

/**
 * Finding codes of rules that relate several files: the log dir root, the metadata log and its companions, and
 * several log dirs. Ids are stable: never rename one once released.
 */
public final class CrossFileCodes {

    /**
     * How far quorum-state's epoch may run ahead of the metadata log's raft epoch before kfsck calls it suspicious.
     * Epochs rise by one per election, and an election need not append anything to the log, so a few epochs ahead
     * is normal. Since KIP-996 (pre-vote, 4.x) a node only bumps its epoch when it can win; a thousand elections
     * without one LeaderChange record reaching the log does not happen in a healthy quorum, while a state file
     * copied from another cluster or hand-edited usually is off by far more. (A partitioned 3.9 voter without
     * pre-vote can climb that far in an hour, so the finding stays a warning.)
     */
    public static final int FAR_AHEAD_EPOCHS = 1000;

    private static final String REWRITE_QS = "rewrite quorum-state at the raft epoch of the metadata log, without leader "
            + "or vote (kfsck repair)";
    private static final String REBUILD_LEC = "rebuild __cluster_metadata-0/leader-epoch-checkpoint from the batches: "
            + "the first offset of each new partitionLeaderEpoch (kfsck repair)";
    private static final String FIX_META = "rewrite meta.properties with the identity the other dirs and the metadata "
            + "log agree on (kfsck repair)";

    // --- quorum-state against the metadata log (R1, R7, R8) -----------------------------------------------------

    public static final FindingCode QS_MISSING = FindingCode.warn("XFILE-QS-MISSING", REBUILDS_ON_STARTUP,
            "__cluster_metadata-0 has no quorum-state: Kafka starts unattached at the log's epoch and writes a new "
                    + "one; any vote this node cast is forgotten", REWRITE_QS);
    public static final FindingCode QS_EPOCH_BELOW_LOG = FindingCode.warn("XFILE-QS-EPOCH-BELOW-LOG", TOLERATED,
            "quorum-state's leaderEpoch is below the metadata log's raft epoch: Kafka warns and starts unattached at "
                    + "the log's epoch, dropping the stored leader and vote (in a quorum of several voters a "
                    + "forgotten vote lets this node vote twice in one epoch: a raft safety hazard)", REWRITE_QS);
    public static final FindingCode QS_EPOCH_FAR_AHEAD = FindingCode.warn("XFILE-QS-EPOCH-FAR-AHEAD", TOLERATED,
            "quorum-state's leaderEpoch is more than " + FAR_AHEAD_EPOCHS + " above the metadata log's raft epoch: "
                    + "Kafka accepts it and the whole quorum moves to that epoch; the file may come from another "
                    + "cluster or a hand edit",
            "none automatic: kfsck never lowers a persisted epoch (a lower one could let this node vote twice in an "
                    + "epoch); if the file does not belong to this log, move it away and let Kafka start at the log's epoch");
    public static final FindingCode QS_LEADER_NOT_VOTER = FindingCode.warn("XFILE-QS-LEADER-NOT-VOTER", TOLERATED,
            "quorum-state's leaderId is not in the voter set: Kafka forgets the leader and starts unattached",
            "none needed: Kafka corrects it; check that the voter set is the intended one");
    public static final FindingCode QS_VOTED_NOT_VOTER = FindingCode.warn("XFILE-QS-VOTED-NOT-VOTER", TOLERATED,
            "quorum-state's votedId is not in the voter set", "none needed; check that the voter set is the intended one");
    public static final FindingCode QS_VOTED_SELF_NOT_VOTER = FindingCode.error("XFILE-QS-VOTED-SELF-NOT-VOTER",
            STARTUP_FATAL, "quorum-state says this node voted for itself, but it is not a voter: Kafka starts as "
                    + "candidate and fails (\"Local replica ... must be in the set of voters\")", REWRITE_QS);
    public static final FindingCode QS_DATA_VERSION_VS_KRAFT_VERSION = FindingCode.info("XFILE-QS-DATA-VERSION",
            TOLERATED, "quorum-state's data_version does not match the kraft.version in force; Kafka rewrites the file "
                    + "in the right version at startup", "none needed");
    public static final FindingCode QS_CLUSTER_ID_DIFFERS = FindingCode.info("XFILE-QS-CLUSTER-ID", TOLERATED,
            "quorum-state's clusterId is neither empty (what Kafka writes) nor meta.properties' cluster.id; Kafka "
                    + "ignores it", "none needed; the file may come from another cluster, compare its epoch");

    // --- metadata log against its leader-epoch-checkpoint and snapshots (R2-R6) -------------------------------------

    public static final FindingCode MLOG_LEC_EPOCH_NOT_IN_LOG = FindingCode.error("XFILE-MLOG-LEC-EPOCH-NOT-IN-LOG",
            TOLERATED, "the metadata leader-epoch-checkpoint names an epoch no batch of the log carries: Kafka takes "
                    + "it as the last written epoch and raft jumps past it; the log's epoch history is then wrong",
            REBUILD_LEC);
    public static final FindingCode MLOG_LEC_START_MISMATCH = FindingCode.warn("XFILE-MLOG-LEC-START-MISMATCH",
            TOLERATED, "a metadata leader-epoch-checkpoint entry starts at another offset than the epoch's first "
                    + "batch: raft answers epoch end-offset queries of followers wrongly", REBUILD_LEC);
    public static final FindingCode MLOG_LEC_EPOCH_MISSING = FindingCode.warn("XFILE-MLOG-LEC-EPOCH-MISSING",
            TOLERATED, "an epoch carried by metadata log batches is missing from the leader-epoch-checkpoint and "
                    + "recovery will not add it (it only adds epochs above the latest cached one)", REBUILD_LEC);
    public static final FindingCode MLOG_LEC_BEYOND_END = FindingCode.info("XFILE-MLOG-LEC-BEYOND-END", TOLERATED,
            "metadata leader-epoch-checkpoint entries start at or after the log end; Kafka drops them at load",
            "none needed");
    public static final FindingCode MLOG_EPOCH_BACKWARDS = FindingCode.warn("XFILE-MLOG-EPOCH-BACKWARDS", TOLERATED,
            "the raft epoch of metadata log batches goes down from one batch to the next; recovery does not check it",
            "none automatic: compare with another voter's log");
    public static final FindingCode MLOG_SEGMENT_DELETED = FindingCode.error("XFILE-MLOG-SEGMENT-DELETED",
            TRUNCATES_ON_RECOVERY, "an earlier metadata log segment is damaged: recovery truncates it there and deletes "
                    + "every later segment, this one included, valid batches and all",
            "repair the damaged batch from another voter's copy before starting, or accept the loss");
    public static final FindingCode MLOG_TOPIC_ID = FindingCode.error("XFILE-MLOG-TOPIC-ID", STARTUP_FATAL,
            "__cluster_metadata-0/partition.metadata holds another topic id than AAAAAAAAAAAAAAAAAAAAAQ: Kafka fails "
                    + "with InconsistentTopicIdException", "rewrite partition.metadata with topic_id AAAAAAAAAAAAAAAAAAAAAQ (kfsck repair)");
    public static final FindingCode SNAP_NOT_BATCH_ALIGNED = FindingCode.error("XFILE-SNAP-NOT-BATCH-ALIGNED", TOLERATED,
            "a snapshot's end offset falls inside a metadata log batch: the snapshot and the log disagree on what "
                    + "was committed", "none automatic: compare with another voter's snapshots and log");
    public static final FindingCode SNAP_EPOCH_VS_LOG = FindingCode.error("XFILE-SNAP-EPOCH-VS-LOG", TOLERATED,
            "a snapshot's epoch differs from the epoch of the log batch holding its last offset: they come from "
                    + "different histories", "none automatic: compare with another voter's snapshots and log");
    public static final FindingCode SNAP_AHEAD_OF_LOG = FindingCode.error("XFILE-SNAP-AHEAD-OF-LOG",
            TRUNCATES_ON_RECOVERY, "the latest snapshot is newer than the metadata log: Kafka discards the whole log, "
                    + "restarts it at the snapshot's end offset and deletes the older snapshots",
            "restore the missing metadata log from another voter before starting the broker, or accept the loss");
    public static final FindingCode MLOG_START_WITHOUT_SNAPSHOT = FindingCode.error("XFILE-MLOG-START-WITHOUT-SNAPSHOT",
            STARTUP_FATAL, "the metadata log starts after offset 0 but no snapshot reaches its start: Kafka fails "
                    + "with \"Inconsistent snapshot state\"",
            "restore the missing snapshot from another voter, or the missing segments");
    public static final FindingCode SNAP_LATEST_DAMAGED = FindingCode.error("XFILE-SNAP-LATEST-DAMAGED", STARTUP_FATAL,
            "the latest metadata snapshot, the one Kafka loads at startup, is damaged",
            "delete it only when an older intact snapshot plus the log still cover every offset up to the log end; "
                    + "otherwise restore it from another voter");

    // --- identity: meta.properties against the metadata (R15-R17) ---------------------------------------------------

    public static final FindingCode NODE_NOT_IN_METADATA = FindingCode.warn("XFILE-NODE-NOT-IN-METADATA", TOLERATED,
            "meta.properties' node.id is neither a registered broker, a registered controller nor a voter in the "
                    + "metadata this dir holds", "check node.id against server.properties and the other brokers");
    public static final FindingCode DIR_REGISTERED_TO_OTHER_NODE = FindingCode.error("XFILE-DIR-OF-OTHER-NODE",
            STARTUP_FATAL, "the metadata registers this dir's directory.id for another node than meta.properties' "
                    + "node.id: unless server.properties changed too, Kafka fails (\"Stored node id ... doesn't match\")",
            FIX_META);
    public static final FindingCode DIRECTORY_NOT_REGISTERED = FindingCode.error("XFILE-DIRECTORY-NOT-REGISTERED",
            TOLERATED, "the node's broker registration does not list this dir's directory.id: the controller moves "
                    + "the dir's partitions to it at startup (brief unavailability, leader epochs bumped)", FIX_META);
    public static final FindingCode PARTITION_DIRECTORY_MISMATCH = FindingCode.warn("XFILE-PARTITION-DIRECTORY",
            TOLERATED, "the metadata assigns partitions held in this dir to another directory of the node: the "
                    + "controller reassigns them at startup", "none needed if the dir is right; else check directory.id");
    public static final FindingCode VOTER_DIRECTORY_MISMATCH = FindingCode.error("XFILE-VOTER-DIRECTORY", TOLERATED,
            "the node is a voter by id, but with another directory id than this metadata dir's: under kraft.version 1 "
                    + "the voter key is (node id, directory id), so this node no longer counts as that voter",
            FIX_META);

    // --- several log dirs ----------------------------------------------------------------------------------------

    public static final FindingCode CLUSTER_ID_MISMATCH = FindingCode.error("XFILE-CLUSTER-ID-MISMATCH", STARTUP_FATAL,
            "cluster.id differs between log dirs of one node: Kafka fails (\"Invalid cluster.id in ...\")", FIX_META);
    public static final FindingCode CLUSTER_ID_ACROSS_NODES = FindingCode.error("XFILE-CLUSTER-ID-ACROSS-NODES",
            TOLERATED, "cluster.id differs between nodes: each starts, but the others reject its requests "
                    + "(INCONSISTENT_CLUSTER_ID)", FIX_META);
    public static final FindingCode NODE_ID_MISMATCH = FindingCode.error("XFILE-NODE-ID-MISMATCH", STARTUP_FATAL,
            "node.id differs between log dirs of one node: Kafka fails (\"Stored node id ... doesn't match\")", FIX_META);
    public static final FindingCode DUPLICATE_DIRECTORY_ID = FindingCode.error("XFILE-DUPLICATE-DIRECTORY-ID",
            STARTUP_FATAL, "two log dirs share a directory.id (a copied disk?): within one node Kafka fails "
                    + "(\"Duplicate directory ID\"); across nodes the controller confuses their partitions",
            "give the copy a new directory.id and let the controller reassign its partitions (kfsck repair)");
    public static final FindingCode SEVERAL_METADATA_DIRS = FindingCode.error("XFILE-SEVERAL-METADATA-DIRS",
            STARTUP_FATAL, "more than one log dir of a node holds __cluster_metadata-0: Kafka fails (\"Found "
                    + "unexpected metadata location in data directory\")",
            "keep __cluster_metadata-0 only in metadata.log.dir; move the other copy out of the log dirs");

    private CrossFileCodes() {
    }
}
