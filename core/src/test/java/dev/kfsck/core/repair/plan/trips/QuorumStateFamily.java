package dev.kfsck.core.repair.plan.trips;

import dev.kfsck.testdata.corrupt.Corruption;
import dev.kfsck.testdata.corrupt.Damage;
import java.util.List;
import java.util.Map;

/**
 * QS-* codes and the XFILE-QS-* cross-file codes: quorum-state. quorum-state exists once per node, so the trips use
 * the three nodes of quorum3-4.3 and carry the META-* and LAYOUT-META-PROPERTIES-MISSING cases of
 * {@link MetaPropertiesFamily} and {@link LayoutFamily} on the same starts (meta.properties is another file). Each
 * trip damages at most one meta.properties so that its directory.id is gone: the other two still name theirs, which
 * keeps the restored identity unambiguous.
 */
final class QuorumStateFamily implements CodeFamily {

    static final String QS = "__cluster_metadata-0/quorum-state";
    static final String META = "meta.properties";

    @Override
    public List<BrokerTrip> trips() {
        return List.of(
                BrokerTrip.of("quorum-state null-filled, emptied, bit-rotted; meta.properties bit-rotted three ways", "quorum3-4.3",
                        CodeCase.onNode(0, "QS-NULL-BYTES", d -> Damage.nullFillFile(d, QS)),
                        CodeCase.onNode(1, "QS-EMPTY", d -> Damage.truncateAt(d, QS, 0)),
                        // bit rot: '{' (0x7B) becomes 0xFB, a byte that starts no UTF-8 sequence
                        CodeCase.onNode(2, "QS-INVALID-UTF8", d -> Damage.flipBit(d, QS, 0, 7)),
                        CodeCase.onNode(0, "META-BAD-DIRECTORY-ID",
                                d -> TextEdits.flipBitIn(d, META, "directory.id=", 13, 7, "bit rot in the directory id")),
                        CodeCase.onNode(1, "META-BAD-VERSION",
                                d -> TextEdits.flipBitIn(d, META, "version=1", 8, 6, "bit rot: version=1 becomes version=q")),
                        CodeCase.onNode(2, "META-UNKNOWN-VERSION",
                                d -> TextEdits.flipBitIn(d, META, "version=1", 8, 1, "bit rot: version=1 becomes version=3"))),
                BrokerTrip.of("quorum-state torn, replaced by another file, without data_version; meta.properties ids broken", "quorum3-4.3",
                        CodeCase.onNode(0, "QS-BAD-JSON", Corruption.QS_TRUNCATED::apply),
                        CodeCase.onNode(1, "QS-NOT-OBJECT", d -> TextEdits.rewrite(d, QS, "0\n1\n0 0\n",
                                "a mistaken restore copied the leader-epoch-checkpoint over quorum-state")),
                        CodeCase.onNode(2, "QS-NO-DATA-VERSION", d -> TextEdits.replace(d, QS, ",\"data_version\":0", "",
                                "written by a script that leaves data_version out")),
                        CodeCase.onNode(0, "META-RESERVED-DIRECTORY-ID", d -> TextEdits.replace(d, META, "directory\\.id=.*",
                                "directory.id=AAAAAAAAAAAAAAAAAAAAAQ", "hand edit: the LOST placeholder copied from a partition's assignment")),
                        CodeCase.onNode(1, "META-NO-NODE-ID",
                                d -> TextEdits.flipBitIn(d, META, "node.id=", 0, 0, "bit rot: node.id becomes oode.id")),
                        CodeCase.onNode(2, "META-BAD-NODE-ID", d -> TextEdits.replace(d, META, "node\\.id=(\\d+)",
                                "node.id=2 ", "hand edit that left a trailing space"))),
                BrokerTrip.of("quorum-state from a newer version, odd data_version, fields missing; meta.properties gone or broken", "quorum3-4.3",
                        CodeCase.onNode(0, "QS-UNSUPPORTED-VERSION", d -> Damage.replaceJsonField(d, QS, "data_version", "2")),
                        // rewritten by a JSON tool that turns every number into a float
                        CodeCase.onNode(1, "QS-ODD-DATA-VERSION", d -> Damage.replaceJsonField(d, QS, "data_version", "0.0")),
                        // a data_version 1 file (no clusterId, appliedOffset, currentVoters) hand-edited to version 0
                        CodeCase.onNode(2, "QS-MISSING-FIELD", d -> TextEdits.rewrite(d, QS,
                                "{\"leaderId\":2,\"leaderEpoch\":1,\"votedId\":-1,\"votedDirectoryId\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"data_version\":0}",
                                "a data_version 1 state hand-edited to data_version 0")),
                        CodeCase.onNode(0, "LAYOUT-META-PROPERTIES-MISSING", d -> Damage.remove(d, META)),
                        CodeCase.onNode(1, "META-NO-CLUSTER-ID",
                                d -> TextEdits.flipBitIn(d, META, "cluster.id=", 0, 0, "bit rot: cluster.id becomes bluster.id")),
                        CodeCase.onNode(2, "META-BAD-ESCAPE", d -> TextEdits.replace(d, META, "\\z", "log.note=moved from C:\\users\\kafka\n",
                                "an operator appended a note holding a Windows path"))),
                BrokerTrip.of("quorum-state with a quoted epoch, null voters, voters in data_version 1", "quorum3-4.3",
                        CodeCase.onNode(0, "QS-BAD-FIELD", d -> Damage.replaceJsonField(d, QS, "leaderEpoch", "\"1\"")),
                        CodeCase.onNode(1, "QS-NULL-VOTERS", d -> TextEdits.replace(d, QS, "\\[\\{.*\\}\\]", "null",
                                "a tool that writes an empty voter list as null")),
                        // data_version hand-bumped to 1 as if that upgraded kraft.version; the voters stay
                        CodeCase.onNode(2, "QS-VOTERS-IN-V1", d -> Damage.replaceJsonField(d, QS, "data_version", "1"))),
                BrokerTrip.of("quorum-state oversized, removed, restored from an old backup", "quorum3-4.3",
                        // the file grew by 1 MiB of zeros: a crash after its size was extended, before the data
                        CodeCase.onNode(0, "QS-TOO-LARGE", d -> Damage.zeroTail(d, QS, 1 << 20)),
                        CodeCase.onNode(1, "XFILE-QS-MISSING", d -> Damage.remove(d, QS)),
                        CodeCase.onNode(2, "XFILE-QS-EPOCH-BELOW-LOG", Corruption.QS_EPOCH_BELOW_LOG::apply)),
                BrokerTrip.of("kraft.version 1: votedDirectoryId bit-rotted; meta.properties from before directory ids", "dynamic-4.3",
                        // bit rot: an 'A' of the zero Uuid becomes '@', not base64url
                        CodeCase.of("QS-BAD-DIRECTORY-ID",
                                d -> TextEdits.flipBitIn(d, QS, "\"votedDirectoryId\":\"", 22, 0, "bit rot in votedDirectoryId")),
                        // formatted by kafka-storage before 3.7, which wrote no directory.id
                        CodeCase.of("META-NO-DIRECTORY-ID", d -> TextEdits.replace(d, META, "directory\\.id=.*\\R", "",
                                "meta.properties as written before Kafka 3.7"))));
    }

    /**
     * XFILE-QS-VOTED-SELF-NOT-VOTER needs a node that is not in the voter set yet holds a metadata log and its own
     * candidacy vote (a controller removed from a dynamic quorum, a broker-only node): every node of every fixture is
     * a voter, so no broker trip can show it. The planner's rewrite is checked on the check's own finding, with the
     * written file read back by Kafka's FileQuorumStateStore, in a planner test instead of a broker start.
     */
    @Override
    public Map<String, String> provenElsewhere() {
        return Map.of("XFILE-QS-VOTED-SELF-NOT-VOTER",
                "dev.kfsck.core.repair.plan.QuorumAndMetaPlannersTest#aVoteForItselfByANonVoterIsDropped");
    }

    @Override
    public Map<String, String> notRepaired() {
        return Map.of(
                "QS-TRAILING-DATA", "INFO: Kafka reads only the first JSON value and rewrites the file at startup",
                "QS-UNKNOWN-FIELD", "INFO: Kafka ignores keys it does not know",
                "XFILE-QS-EPOCH-FAR-AHEAD", "Kafka accepts the epoch; kfsck never lowers a persisted epoch, since a lower one could let this node vote twice in an epoch",
                "XFILE-QS-LEADER-NOT-VOTER", "tolerated: Kafka forgets a leader outside the voter set and starts unattached",
                "XFILE-QS-VOTED-NOT-VOTER", "tolerated: a vote for a non-voter does not stop Kafka; kfsck does not drop a stored vote",
                "XFILE-QS-DATA-VERSION", "INFO: Kafka rewrites quorum-state in the data_version of the kraft.version in force",
                "XFILE-QS-CLUSTER-ID", "INFO: Kafka ignores quorum-state's clusterId");
    }
}
