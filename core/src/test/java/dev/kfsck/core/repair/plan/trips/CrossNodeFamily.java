package dev.kfsck.core.repair.plan.trips;

import dev.kfsck.testdata.corrupt.Damage;
import java.util.List;
import java.util.Map;

/**
 * The remaining XFILE-* codes (identity across dirs) and CLUSTER-* codes: evidence of several dirs or nodes.
 *
 * <p>meta.properties is restored from what the other dirs agree on, so each start damages the identity of one node
 * only (two odd nodes out of three leave no majority to agree). The other files of the nodes carry snapshot codes of
 * {@link MetadataFamily}'s kind, to save broker starts. CLUSTER-* findings come from {@code ClusterView} over
 * several nodes' reports, never from one check, so the ones a repair resolves are proven by
 * {@link ClusterFindingsBrokerTest}.
 */
final class CrossNodeFamily implements CodeFamily {

    static final String META = "meta.properties";
    static final String Q3_DIRECTORY_0 = "JZsHmYGaye-w2OMsgyRaFw";
    /** A directory id no node registered. */
    static final String FOREIGN_DIRECTORY = "ZZsHmYGaye-w2OMsgyRaFw";
    static final String S43_SNAP = "__cluster_metadata-0/00000000000000000153-0000000001.checkpoint";
    static final String DYN_SNAP = "__cluster_metadata-0/00000000000000000102-0000000001.checkpoint";

    @Override
    public List<BrokerTrip> trips() {
        String snap = MetadataFamily.Q3_SNAP;
        return List.of(
                BrokerTrip.of("broker 0's meta.properties on broker 1, and damaged newest snapshots", "quorum3-4.3",
                        // broker 0's meta.properties copied onto broker 1's disk: node.id 0 with broker 1's directory
                        CodeCase.onNode(1, "XFILE-DIR-OF-OTHER-NODE", d -> Damage.replaceLine(d, META, 2, "node.id=0")),
                        // a bad first disk block: the header batch reads as zeros
                        CodeCase.onNode(0, "SNAP-MISSING-HEADER", d -> Damage.nullFillRange(d, snap, 0, 83)),
                        // the snapshot was renamed into place before its last batch reached the disk
                        CodeCase.onNode(1, "SNAP-MISSING-FOOTER", d -> Damage.truncateAt(d, snap, 4038)),
                        // a bad sector in the data batch
                        CodeCase.onNode(2, "XFILE-SNAP-LATEST-DAMAGED", d -> Damage.garbage(d, snap, 1000, 40, 11)),
                        // bit rot; Kafka's bootstrap reader does not check the CRC
                        CodeCase.onNode(0, "BOOT-CRC-MISMATCH", d -> Damage.flipBit(d, MetadataFamily.BOOT, 200, 0))),
                BrokerTrip.of("a kraft.version 1 voter with a foreign directory.id and a cut newest snapshot", "dynamic-4.3",
                        // meta.properties from a re-run kafka-storage format: a new directory.id, the voter keeps the old one
                        CodeCase.of("XFILE-VOTER-DIRECTORY", d -> Damage.replaceLine(d, META, 3, "directory.id=" + FOREIGN_DIRECTORY)),
                        // power loss: only the header batch of the snapshot reached the disk
                        CodeCase.of("SNAP-MISSING-METADATA-VERSION", d -> Damage.truncateAt(d, DYN_SNAP, 166))),
                BrokerTrip.of("a broker with a foreign directory.id and a snapshot from a buggy tool", "single-4.3-kill",
                        CodeCase.of("XFILE-DIRECTORY-NOT-REGISTERED",
                                d -> Damage.replaceLine(d, META, 3, "directory.id=" + FOREIGN_DIRECTORY)),
                        // a CRC-valid batch whose PartitionRecord has record type 126, which no Kafka knows
                        CodeCase.of("SNAP-UNDECODABLE-RECORD", d -> Damage.rewriteInValidBatch(d, S43_SNAP, 83, 862, new byte[] {0x7e}))));
    }

    @Override
    public Map<String, String> provenElsewhere() {
        String test = ClusterFindingsBrokerTest.class.getName() + "#oddIdentityAndStaleQuorumStateAreRepairedFromThePeers";
        return Map.of(
                "XFILE-CLUSTER-ID-ACROSS-NODES", test,
                "CLUSTER-ID-DIFFERS", test,
                "CLUSTER-QUORUM-EPOCH-BEHIND", test);
    }

    @Override
    public Map<String, String> notRepaired() {
        String oneDirPerNode = "needs several log dirs of one node, and every fixture node (and the broker harness) has one; "
                + "with two dirs nothing says which one is right, so kfsck writes only when more dirs and the metadata leave "
                + "one candidate, which no real broker here can show";
        return Map.ofEntries(
                Map.entry("XFILE-CLUSTER-ID-MISMATCH", oneDirPerNode),
                Map.entry("XFILE-NODE-ID-MISMATCH", oneDirPerNode),
                Map.entry("XFILE-SEVERAL-METADATA-DIRS", "which dir is metadata.log.dir is in server.properties, which kfsck "
                        + "does not read; moving the wrong copy out would lose the live metadata log"),
                Map.entry("XFILE-NODE-NOT-IN-METADATA", "WARN: node.id may be right and the registration merely not yet "
                        + "written (a new node); with nothing else wrong there is no evidence for another value"),
                Map.entry("CLUSTER-NODE-ID-DUPLICATE", "a diagnosis over several nodes: which of two dirs is the node is "
                        + "known only from server.properties; the XFILE-DIR-OF-OTHER-NODE finding on the odd dir is repaired"),
                Map.entry("CLUSTER-DIRECTORY-ID-DUPLICATE", "a diagnosis over several nodes' reports; checked together the "
                        + "dirs show XFILE-DUPLICATE-DIRECTORY-ID, which kfsck repairs on the copy"),
                Map.entry("CLUSTER-VOTERS-DIFFER", "which voter set is intended is in controller.quorum.voters or the "
                        + "VotersRecord history, a decision for a person"),
                Map.entry("CLUSTER-BOOTSTRAP-VOTERS-DIFFER", "WARN: bootstrap voters are read only while the metadata log is empty"),
                Map.entry("CLUSTER-LEADER-CONFLICT", "two leaders in one epoch: which history the majority followed is for a "
                        + "person to decide; raft truncates the others"),
                Map.entry("CLUSTER-QUORUM-EPOCH-FAR-AHEAD", "kfsck never lowers a persisted epoch (the node could vote twice "
                        + "in one epoch), and Kafka accepts the high epoch"),
                Map.entry("CLUSTER-METADATA-LOG-DIVERGED", "raft truncates the diverged log when the node follows; keeping "
                        + "its records means copying them off, a decision for a person"),
                Map.entry("CLUSTER-METADATA-LOG-BEHIND", "WARN: the node fetches the missing records from the leader"),
                Map.entry("CLUSTER-METADATA-LOG-MOST-COMPLETE", "INFO: names the reference log"),
                Map.entry("CLUSTER-TOPIC-ID-DIFFERS", "whether the data belongs to the current topic or a deleted one is "
                        + "for a person to decide"),
                Map.entry("CLUSTER-REPLICA-NOT-ASSIGNED", "WARN: Kafka renames the folder -stray and keeps it"),
                Map.entry("CLUSTER-REPLICA-MISSING", "WARN: the broker creates the replica and copies it from the leader"),
                Map.entry("CLUSTER-REPLICA-DIVERGED", "the replica truncates to the leader when it rejoins; keeping its "
                        + "records means copying them off, a decision for a person"),
                Map.entry("CLUSTER-REPLICA-AHEAD-OF-HIGH-WATERMARK", "WARN: unacknowledged records; they survive if this "
                        + "replica leads next"),
                Map.entry("CLUSTER-ACKNOWLEDGED-RECORDS-MISSING", "the records are not on the replica: nothing on disk can "
                        + "bring them back; which replica leads is for a person to decide"));
    }
}
