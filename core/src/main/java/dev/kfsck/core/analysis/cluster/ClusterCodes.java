package dev.kfsck.core.analysis.cluster;

import dev.kfsck.core.finding.FindingCode;

import static dev.kfsck.core.finding.KafkaReaction.*;

/**
 * Finding codes of the cluster view: what several nodes' facts say together, whether those facts come from one
 * check over many dirs or from JSON reports written on separate repair pods. Ids are stable: never rename one once
 * released.
 */
public final class ClusterCodes {

    /** How far one node's quorum epoch may run ahead of every other node's epochs before kfsck calls it suspicious. */
    public static final int FAR_AHEAD_EPOCHS = 1000;

    private static final String FIX_META = "rewrite meta.properties of the odd node with the identity the others "
            + "agree on (kfsck repair on that node)";
    private static final String FOLLOW = "none needed if the most complete node leads next; to keep the records, copy "
            + "them off the node before starting it";

    // --- identities ------------------------------------------------------------------------------------------------

    public static final FindingCode CLUSTER_ID_DIFFERS = FindingCode.error("CLUSTER-ID-DIFFERS", TOLERATED,
            "cluster.id differs between nodes: each starts, but the others reject its requests (INCONSISTENT_CLUSTER_ID)",
            FIX_META);
    public static final FindingCode NODE_ID_DUPLICATE = FindingCode.error("CLUSTER-NODE-ID-DUPLICATE", TOLERATED,
            "two log dirs claim the same node.id although they cannot belong to one node (each holds a metadata log, "
                    + "or both hold the same partition): the second broker's registration is refused",
            "give each node its own node.id (meta.properties and server.properties) before starting it");
    public static final FindingCode DIRECTORY_ID_DUPLICATE = FindingCode.error("CLUSTER-DIRECTORY-ID-DUPLICATE",
            TOLERATED, "two log dirs share a directory.id (a copied disk?): the controller cannot tell their partitions "
                    + "apart", "give the copy a new directory.id and let the controller reassign its partitions");

    // --- the quorum ------------------------------------------------------------------------------------------------

    public static final FindingCode VOTERS_DIFFER = FindingCode.error("CLUSTER-VOTERS-DIFFER", TOLERATED,
            "the voter set differs between nodes' quorum-state files and metadata: nodes count votes against "
                    + "different majorities (a split-brain hazard)",
            "none automatic: find the intended voter set (controller.quorum.voters or the VotersRecord) and rewrite "
                    + "the odd quorum-state");
    public static final FindingCode BOOTSTRAP_VOTERS_DIFFER = FindingCode.warn("CLUSTER-BOOTSTRAP-VOTERS-DIFFER",
            TOLERATED, "bootstrap.checkpoint names other initial voters on this node than on the others (formatted "
                    + "with other --initial-controllers); Kafka reads it only while the metadata log is empty",
            "none needed while the metadata log is not empty; reformat a new node with the others' voters");
    public static final FindingCode LEADER_CONFLICT = FindingCode.error("CLUSTER-LEADER-CONFLICT", TOLERATED,
            "nodes record different leaders for the same raft epoch: two leaders in one epoch (split brain), or a "
                    + "quorum-state from another history",
            "none automatic: keep the metadata log of the leader the majority followed; the others truncate to it");
    public static final FindingCode QUORUM_EPOCH_BEHIND = FindingCode.warn("CLUSTER-QUORUM-EPOCH-BEHIND", TOLERATED,
            "a node's quorum-state epoch is behind the epochs other nodes reached: it missed elections (it catches "
                    + "up on its first fetch), or an old quorum-state was restored and a vote may be forgotten",
            "none needed when the node merely missed elections; otherwise rewrite quorum-state at the epoch of its "
                    + "metadata log (kfsck repair)");
    public static final FindingCode QUORUM_EPOCH_FAR_AHEAD = FindingCode.warn("CLUSTER-QUORUM-EPOCH-FAR-AHEAD",
            TOLERATED, "a node's quorum-state epoch is more than " + FAR_AHEAD_EPOCHS + " above every epoch the other "
                    + "nodes and every metadata log reached: the whole quorum will move to it; the file may come from "
                    + "another cluster or a hand edit",
            "none automatic: Kafka accepts the epoch, and kfsck never lowers a persisted epoch (the node could vote twice in "
                    + "one epoch); if the file does not belong to this cluster, a person rewrites it at the epoch of the node's metadata log");

    // --- the metadata log --------------------------------------------------------------------------------------------

    public static final FindingCode METADATA_LOG_DIVERGED = FindingCode.error("CLUSTER-METADATA-LOG-DIVERGED",
            TRUNCATES_ON_RECOVERY, "a node's metadata log disagrees with the most complete one (another epoch or "
                    + "batch CRC at the same offset): when it follows that leader, raft truncates it back to the "
                    + "divergence point and its later records are lost", FOLLOW);
    public static final FindingCode METADATA_LOG_BEHIND = FindingCode.warn("CLUSTER-METADATA-LOG-BEHIND", TOLERATED,
            "a node's metadata log is a shorter copy of the most complete one (lost its tail, or fell behind): it "
                    + "fetches the rest from the leader; records held by fewer than a majority of voters are at risk",
            "none needed when a majority holds the missing records; otherwise keep the most complete node's log");
    public static final FindingCode METADATA_LOG_MOST_COMPLETE = FindingCode.info("CLUSTER-METADATA-LOG-MOST-COMPLETE",
            TOLERATED, "the most complete metadata log (highest last epoch, then end offset): a raft election favours "
                    + "this node, and the others' logs are compared with it", "none needed");

    // --- partitions across replicas ------------------------------------------------------------------------------------

    public static final FindingCode TOPIC_ID_DIFFERS = FindingCode.error("CLUSTER-TOPIC-ID-DIFFERS", PARTITION_STRAY,
            "a replica's partition.metadata names another topic id than the metadata (or than the other replicas): "
                    + "the broker treats the folder as a stray left from a deleted topic",
            "none automatic: if the data belongs to the current topic, rewrite partition.metadata with the metadata's "
                    + "topic id; otherwise let Kafka rename it -stray");
    public static final FindingCode REPLICA_NOT_ASSIGNED = FindingCode.warn("CLUSTER-REPLICA-NOT-ASSIGNED",
            PARTITION_STRAY, "a node holds a replica the metadata does not assign to it (or of a topic the metadata "
                    + "no longer has): the broker renames it -stray at startup",
            "none needed if the reassignment or deletion was intended; otherwise copy the data off before starting");
    public static final FindingCode REPLICA_MISSING = FindingCode.warn("CLUSTER-REPLICA-MISSING", TOLERATED,
            "the metadata assigns a replica to a node whose log dirs are all here, but none holds it: the broker "
                    + "creates it empty and copies it from the leader", "none needed while another replica holds the data");
    public static final FindingCode REPLICA_DIVERGED = FindingCode.error("CLUSTER-REPLICA-DIVERGED",
            TRUNCATES_ON_RECOVERY, "a replica's leader-epoch history diverges from the leader's: when it rejoins it "
                    + "truncates to the end offset of the largest common epoch (OffsetsForLeaderEpoch) and loses the "
                    + "records after it", FOLLOW);
    public static final FindingCode REPLICA_AHEAD_OF_HIGH_WATERMARK = FindingCode.warn(
            "CLUSTER-REPLICA-AHEAD-OF-HIGH-WATERMARK", TOLERATED,
            "a replica holds records beyond the highest high watermark of every replica: they were never "
                    + "acknowledged as committed; they survive only if this replica leads next (the high-watermark "
                    + "checkpoint is written every 5 s, so the last seconds before a crash can look unacknowledged)",
            "none needed; to keep the records, copy them off the replica before it rejoins as a follower");
    public static final FindingCode ACKNOWLEDGED_RECORDS_MISSING = FindingCode.error(
            "CLUSTER-ACKNOWLEDGED-RECORDS-MISSING", TOLERATED,
            "a high watermark says records were acknowledged that a replica in the ISR (or every replica) does not "
                    + "hold: if that replica leads, acknowledged records are lost",
            "none automatic: keep the replica that holds the records as leader (or restore them); a hand-edited "
                    + "high watermark is corrected from the leader's log end");

    private ClusterCodes() {
    }
}
