package dev.kfsck.core.repair.plan.trips;

import dev.kfsck.testdata.corrupt.Applied;
import dev.kfsck.testdata.corrupt.Damage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * SNAP-*, BOOT-*, MLOG-* codes and the XFILE-MLOG and XFILE-SNAP cross-file codes: the metadata log dir.
 *
 * <p>Kafka reads only the newest snapshot, and kfsck moves only that one aside, so each start proves one snapshot
 * code per node. The snapshot codes are spread over this family's trips and {@link CrossNodeFamily}'s, whose
 * meta.properties damages need a start of their own each and leave the nodes' other files free.
 */
final class MetadataFamily implements CodeFamily {

    static final String LEC = "__cluster_metadata-0/leader-epoch-checkpoint";
    static final String BOOT = "bootstrap.checkpoint";
    /** The newest snapshot of every quorum3-4.3 node: 3 batches, header at 0, data at 83, footer at 4038. */
    static final String Q3_SNAP = "__cluster_metadata-0/00000000000000000095-0000000001.checkpoint";
    /** The newest snapshot of single-4.3-clean; its data batch starts at 83, the first PartitionRecord's topic id at 868. */
    static final String CLEAN_SNAP = "__cluster_metadata-0/00000000000000000233-0000000002.checkpoint";

    @Override
    public List<BrokerTrip> trips() {
        return List.of(
                BrokerTrip.of("newest snapshots, bootstrap.checkpoint and metadata epoch caches damaged on all three voters", "quorum3-4.3",
                        // bit rot in the snapshot's data batch
                        CodeCase.onNode(0, "SNAP-CRC-MISMATCH", d -> Damage.flipBit(d, Q3_SNAP, 2000, 0)),
                        // power loss: the snapshot was renamed into place before its pages reached the disk
                        CodeCase.onNode(1, "SNAP-TRUNCATED", d -> Damage.truncateAt(d, Q3_SNAP, 3000)),
                        // power loss: the size reached the disk, the data did not
                        CodeCase.onNode(2, "SNAP-BAD-BATCH-HEADER", d -> Damage.nullFillFile(d, Q3_SNAP)),
                        // kafka-storage format does not fsync bootstrap.checkpoint: zeros after power loss
                        CodeCase.onNode(0, "BOOT-NULL-BYTES", d -> Damage.nullFillFile(d, BOOT)),
                        // a disk sector of the data batch went bad
                        CodeCase.onNode(1, "BOOT-CORRUPT", d -> Damage.garbage(d, BOOT, 100, 50, 7)),
                        // power loss after the rename: the file ends inside its data batch
                        CodeCase.onNode(2, "BOOT-MISSING-METADATA-VERSION", d -> Damage.truncateAt(d, BOOT, 300)),
                        // hand edit or a copy from another history: epoch 0 never appears in this log
                        CodeCase.onNode(0, "XFILE-MLOG-LEC-EPOCH-NOT-IN-LOG", d -> Damage.replaceLine(d, LEC, 2, "0 0")),
                        // hand edit: epoch 1 said to start at 5 instead of 0
                        CodeCase.onNode(1, "XFILE-MLOG-LEC-START-MISMATCH", d -> Damage.replaceLine(d, LEC, 2, "1 5")),
                        // a cache copied from a voter that saw epoch 2: epoch 1 of this log's batches is missing
                        CodeCase.onNode(2, "XFILE-MLOG-LEC-EPOCH-MISSING", d -> Damage.replaceLine(d, LEC, 2, "2 0")),
                        // broker 0's disk cloned onto broker 1: meta.properties carries broker 0's directory.id
                        CodeCase.onNode(1, "XFILE-DUPLICATE-DIRECTORY-ID",
                                d -> Damage.replaceLine(d, "meta.properties", 3, "directory.id=" + CrossNodeFamily.Q3_DIRECTORY_0))),
                BrokerTrip.of("newest snapshot written by a buggy tool after a clean shutdown", "single-4.3-clean",
                        // a CRC-valid PartitionRecord whose topic id names no topic (one byte of it changed)
                        CodeCase.of("SNAP-RECORD-NOT-APPLICABLE",
                                d -> Damage.rewriteInValidBatch(d, CLEAN_SNAP, 83, 870, new byte[] {(byte) 0xff})),
                        // a person's backup copy of a snapshot, left in the metadata dir under a name Kafka cannot parse
                        CodeCase.of("SNAP-NAME-UNPARSABLE",
                                d -> copyAs(d, "__cluster_metadata-0/00000000000000000153-0000000001.checkpoint", "__cluster_metadata-0/backup-153.checkpoint"))));
    }

    /** Copies {@code file} to {@code copy} in the same log dir. */
    private static Applied copyAs(Path logDir, String file, String copy) throws IOException {
        Path to = logDir.resolve(copy);
        Files.copy(logDir.resolve(file), to);
        return new Applied("copy-as", Applied.Kind.REWRITE, copy, to, 0, Files.size(to), "copied " + file + " to " + copy);
    }

    @Override
    public Map<String, String> notRepaired() {
        return Map.ofEntries(
                Map.entry("SNAP-NAME-NONCANONICAL", "WARN, tolerated: Kafka parses the name; a rename changes nothing Kafka reads"),
                Map.entry("SNAP-EPOCH-MISMATCH", "WARN, tolerated: Kafka does not compare batch epochs with the file name; "
                        + "nothing is wrong for Kafka to start, the origin of the file needs a person"),
                Map.entry("SNAP-IMAGE-FROM-OLDER", "INFO: says which snapshot kfsck built its offline image from; the "
                        + "damaged newer snapshot has its own findings"),
                Map.entry("MLOG-UNDECODABLE-RECORD", "the batch passed its CRC, so the bytes are what was written: no value "
                        + "on this node is more right than the record; only another controller's log can replace it"),
                Map.entry("MLOG-FRAME-VERSION", "a CRC-valid record written that way: only another controller's log can replace it"),
                Map.entry("MLOG-RECORD-NOT-APPLICABLE", "the metadata history itself is inconsistent; no record can be "
                        + "dropped or invented safely, only compared with another controller's log"),
                Map.entry("MLOG-DECODE-STOPPED", "INFO: where decoding stopped; the damaged batch has its segment finding, "
                        + "which the segment planner handles"),
                Map.entry("MLOG-OPEN-TRANSACTION", "WARN, tolerated: the active controller aborts the open metadata "
                        + "transaction on its next election"),
                Map.entry("MLOG-IMAGE-GAP", "records between the snapshot and the log are missing: nothing on this node "
                        + "holds them; restore them from another controller"),
                Map.entry("XFILE-MLOG-LEC-BEYOND-END", "INFO: Kafka drops epoch cache entries past the log end at load"),
                Map.entry("XFILE-MLOG-EPOCH-BACKWARDS", "the batches themselves disagree; which history is right is known "
                        + "only by another voter's log"),
                Map.entry("XFILE-MLOG-SEGMENT-DELETED", "recovery deletes the later segment's valid batches: keeping them "
                        + "needs the damaged batch from another voter, nothing on this node has it"),
                Map.entry("XFILE-SNAP-NOT-BATCH-ALIGNED", "tolerated by Kafka; snapshot and log disagree on what was "
                        + "committed, and only another voter can tell which is right"),
                Map.entry("XFILE-SNAP-EPOCH-VS-LOG", "tolerated by Kafka; snapshot and log come from different histories, "
                        + "and only another voter can tell which is right"),
                Map.entry("XFILE-SNAP-AHEAD-OF-LOG", "Kafka discards the log and restarts it at the snapshot: the missing "
                        + "log exists only on another voter"),
                Map.entry("XFILE-MLOG-START-WITHOUT-SNAPSHOT", "the snapshot that reached the log start is gone: nothing on "
                        + "this node can rebuild the records before the log start"));
    }
}
