package dev.kfsck.core.repair.plan.trips;

import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.corrupt.Damage;
import java.util.List;
import java.util.Map;

/**
 * PM-*, LEC-* codes and XFILE-MLOG-TOPIC-ID: partition.metadata and leader-epoch-checkpoint. Every partition folder
 * has one of each, so one start proves all partition.metadata codes (killed broker) and one all leader-epoch codes
 * (clean shutdown, where Kafka rebuilds no epoch by recovery).
 */
final class PartitionFileFamily implements CodeFamily {

    private static final String PM = "/partition.metadata";
    private static final String LEC = "/leader-epoch-checkpoint";
    /** Where the topic id starts in "version: 0\ntopic_id: ...\n". */
    private static final int ID_AT = "version: 0\ntopic_id: ".length();

    @Override
    public List<BrokerTrip> trips() {
        return List.of(
                BrokerTrip.of("partition.metadata damaged in eleven partitions", "single-4.3-kill",
                        // a crash right after the file was created: its creation reached the disk, its data did not
                        CodeCase.of("PM-EMPTY", d -> Damage.truncateAt(d, "orders-0" + PM, 0)),
                        // torn writes: cut after the version line, and inside the topic id
                        CodeCase.of("PM-NO-TOPIC-ID-LINE", d -> Damage.truncateAt(d, "orders-1" + PM, "version: 0\n".length())),
                        CodeCase.of("PM-BAD-TOPIC-ID", d -> Damage.truncateAt(d, "churn-b-0" + PM, ID_AT + 11)),
                        // power loss right after the partition was created
                        CodeCase.of("PM-NULL-BYTES", d -> Damage.nullFillFile(d, "__consumer_offsets-2" + PM)),
                        // bit rot: the high bit of a topic id character; the space after "topic_id:" becoming '!'
                        CodeCase.of("PM-INVALID-UTF8", d -> Damage.flipBit(d, "payments-0" + PM, ID_AT + 4, 7)),
                        CodeCase.of("PM-MALFORMED-LINE", d -> Damage.flipBit(d, "payments-1" + PM, ID_AT - 1, 0)),
                        // hand edits, or a tool writing Kafka's sentinels: version -1, the zero Uuid
                        CodeCase.of("PM-NEGATIVE-VERSION", d -> Damage.replaceLine(d, "churn-c-0" + PM, 0, "version: -1")),
                        CodeCase.of("PM-ZERO-TOPIC-ID", d -> Damage.replaceLine(d, "churn-a-0" + PM, 1, "topic_id: AAAAAAAAAAAAAAAAAAAAAA")),
                        // an incomplete copy of the folder (a copy tool that skipped the file): Kafka makes it -stray
                        CodeCase.of("PM-MISSING", d -> Damage.remove(d, "orders-2" + PM)),
                        // bit rot that keeps the id valid base64url ('y' becomes 'x'): another, unknown topic id. Kept
                        // on a topic with one partition: a sibling naming another id would make the planner refuse
                        // the unreadable siblings (two incarnations of the topic, a person decides)
                        CodeCase.of("PM-TOPIC-ID-MISMATCH", d -> Damage.flipBit(d, "customers-0" + PM, ID_AT + 5, 0)),
                        // a script that rewrote every partition.metadata with one data topic's id, the metadata log's too
                        CodeCase.of("XFILE-MLOG-TOPIC-ID", d -> Damage.replaceLine(d, "__cluster_metadata-0" + PM, 1,
                                "topic_id: " + Fixtures.manifest("single-4.3-kill").topic("orders").orElseThrow().topicId()))),
                BrokerTrip.of("leader-epoch-checkpoint damaged in six partitions after a clean shutdown", "single-4.3-clean",
                        // bit rot: the epoch '0' of "0 0" becomes 'p'; becomes '1'; the '2' of the second entry becomes '0'
                        CodeCase.of("LEC-BAD-NUMBER", d -> Damage.flipBit(d, "orders-0" + LEC, 4, 6)),
                        CodeCase.of("LEC-EPOCH-MISMATCH", d -> Damage.flipBit(d, "payments-0" + LEC, 4, 0)),
                        CodeCase.of("LEC-NON-MONOTONIC", d -> Damage.flipBit(d, "orders-2" + LEC, CheckpointFamily.lineStart(d, "orders-2" + LEC, 3), 1)),
                        // a tool that wrote the undefined epoch -1 as an entry
                        CodeCase.of("LEC-NEGATIVE-ENTRY", d -> Damage.replaceLine(d, "orders-1" + LEC, 2, "-1 0")),
                        // the empty cache Kafka writes when the replica is created, restored from a backup over the grown one
                        CodeCase.of("LEC-EPOCH-NOT-LISTED", d -> {
                            Damage.replaceLine(d, "payments-1" + LEC, 1, "0");
                            return Damage.truncateAt(d, "payments-1" + LEC, "0\n0\n".length());
                        }),
                        // an incomplete copy of the folder; after a clean shutdown Kafka does not rebuild the epochs
                        CodeCase.of("LEC-MISSING", d -> Damage.remove(d, "customers-0" + LEC))));
    }

    @Override
    public Map<String, String> notRepaired() {
        return Map.of(
                "PM-NEWER-VERSION", "INFO: Kafka accepts any version >= 0 and reads the topic id; nothing to write",
                "PM-UNEXPECTED-KEY", "INFO: Kafka does not check key names and reads the topic id from the second line",
                "PM-TRAILING-DATA", "INFO: Kafka reads two lines and ignores the rest",
                "LEC-BEYOND-LOG-END", "INFO: Kafka drops entries past the log end when it loads the cache",
                "XFILE-NOT-A-REPLICA", "the metadata moved the partition away (a finished reassignment): Kafka renaming it -stray is right; "
                        + "if the metadata is wrong, the metadata log needs a person, not this folder",
                "XFILE-PARTITION-DIRECTORY", "tolerated: the controller reassigns the partitions to this dir at startup");
    }
}
