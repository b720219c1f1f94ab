package dev.kfsck.core.repair.plan.trips;

import dev.kfsck.core.analysis.LogDirLayout;
import dev.kfsck.core.repair.plan.LossPolicy;
import dev.kfsck.testdata.corrupt.Damage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IDX-*, TIDX-*, TXN-*, PSNAP-* codes and XFILE-CLEAN-SHUTDOWN-WITH-DAMAGE: files Kafka rebuilds. The repair deletes a
 * damaged index with its siblings (Kafka then recovers the segment and rebuilds all three) or a damaged producer
 * snapshot (Kafka rebuilds producer state from an older one or the log), and the clean-shutdown marker where there
 * is one.
 *
 * <p>The positions below are those of the {@code single-4.3-kill} fixture: orders-0..2 have two or three segments each
 * with a few index entries per sealed segment, payments-0/1 three segments each with one or two aborted transactions
 * in every {@code .txnindex}. Most damages flip one bit (bit rot, a bad RAM cell on the write path) so that one entry
 * breaks exactly one rule; the cut and extended files stand for torn writes and a lost fs metadata update.
 */
final class IndexFamily implements CodeFamily {

    static final String KILL = "single-4.3-kill";
    private static final String CLEAN = "single-4.3-clean";

    @Override
    public List<BrokerTrip> trips() {
        return List.of(killTrip(),
                BrokerTrip.of("active segment's index overwritten after a clean shutdown", CLEAN,
                        // an fs that lost its journal handed the index a block of another file; with the marker
                        // Kafka would trust the index and read the log end through it
                        CodeCase.reportedAt("XFILE-CLEAN-SHUTDOWN-WITH-DAMAGE", LogDirLayout.CLEAN_SHUTDOWN,
                                d -> Damage.garbage(d, "orders-0/00000000000000000202.index", 0, 88, 7))),
                BrokerTrip.of("active segment's zero tail after a clean shutdown", CLEAN,
                        // a power loss right after the clean shutdown on an fs that journals metadata only: the new
                        // length of the active segment reached the disk, its last 4 KiB did not; with the marker
                        // Kafka would not recover the segment and fails computing the log end. The segment planner
                        // cuts the zeros (no record is in them) and removes the marker.
                        CodeCase.reportedAt("XFILE-CLEAN-SHUTDOWN-WITH-DAMAGE", LogDirLayout.CLEAN_SHUTDOWN,
                                d -> Damage.zeroTail(d, "orders-1/00000000000000000636.log", 4096))));
    }

    /** Every index kind and producer snapshot damaged on one copy of {@code single-4.3-kill}, one code per file. */
    static BrokerTrip killTrip() {
        List<CodeCase> cases = new ArrayList<>(indexCases());
        cases.addAll(transactionCases());
        return new BrokerTrip("offset, time and transaction indexes and producer snapshots bit-rotten, torn and extended",
                KILL, LossPolicy.NONE, List.copyOf(cases));
    }

    private static List<CodeCase> indexCases() {
        return List.of(
                // a power loss while the index was written: the file ends 2 bytes into its last entry
                CodeCase.of("IDX-LENGTH-NOT-MULTIPLE", d -> Damage.truncateAt(d, "orders-0/00000000000000000000.index", 70)),
                // entry 1's relative offset 57 loses bit 5 and becomes 25, below entry 0's 44
                CodeCase.of("IDX-NOT-INCREASING", d -> Damage.flipBit(d, "orders-1/00000000000000000000.index", 11, 5)),
                // the last entry's position gains 2^30: far past the 16 KB segment
                CodeCase.of("IDX-ENTRY-PAST-SEGMENT", d -> Damage.flipBit(d, "orders-2/00000000000000000000.index", 60, 6)),
                // entry 0's position 1309 becomes 1308, one byte before the batch it indexed
                CodeCase.of("IDX-ENTRY-NOT-ON-BATCH", d -> Damage.flipBit(d, "orders-1/00000000000000000164.index", 7, 0)),
                // entry 0's offset 252 becomes 251, inside the batch 236..252 it points at
                CodeCase.of("IDX-ENTRY-OFFSET-MISMATCH", d -> Damage.flipBit(d, "orders-2/00000000000000000183.index", 3, 0)),
                // a sealed segment's index one zero entry longer than its entries: the trim at the roll was
                // lost (power loss before the fs committed the new length); Kafka would count the slot as an entry
                CodeCase.of("IDX-ZERO-SLACK", d -> Damage.zeroTail(d, "payments-0/00000000000000000000.index", 8)),
                CodeCase.of("TIDX-LENGTH-NOT-MULTIPLE", d -> Damage.truncateAt(d, "orders-0/00000000000000000000.timeindex", 114)),
                // entry 1's timestamp ...a8d2 becomes ...a8c2, below entry 0's ...a8c3
                CodeCase.of("TIDX-TIMESTAMP-BACKWARDS", d -> Damage.flipBit(d, "orders-1/00000000000000000000.timeindex", 19, 4)),
                // entry 1's relative offset 46 becomes 14, below entry 0's 28
                CodeCase.of("TIDX-OFFSET-BACKWARDS", d -> Damage.flipBit(d, "orders-2/00000000000000000000.timeindex", 23, 5)),
                // the last (13th) entry's relative offset gains 2^30
                CodeCase.of("TIDX-ENTRY-PAST-SEGMENT", d -> Damage.flipBit(d, "orders-1/00000000000000000164.timeindex", 152, 6)),
                // entry 0's offset 252 becomes 251, inside the batch 236..252
                CodeCase.of("TIDX-OFFSET-NOT-BATCH-END", d -> Damage.flipBit(d, "orders-2/00000000000000000183.timeindex", 11, 0)),
                CodeCase.of("TIDX-ZERO-SLACK", d -> Damage.zeroTail(d, "payments-1/00000000000000000000.timeindex", 12)),
                // the same in the metadata log, which Kafka loads like any other log: its only entry's position 4152
                // becomes 4153
                CodeCase.of("IDX-ENTRY-NOT-ON-BATCH", d -> Damage.flipBit(d, "__cluster_metadata-0/00000000000000000000.index", 7, 0)));
    }

    private static List<CodeCase> transactionCases() {
        return List.of(
                // a torn append: the second aborted transaction's entry is cut 16 bytes in (Kafka would
                // silently forget that abort, and read_committed consumers would see its records)
                CodeCase.of("TXN-PARTIAL-ENTRY", d -> Damage.truncateAt(d, "payments-0/00000000000000000089.txnindex", 50)),
                // the version byte of entry 0 becomes 1: Kafka's iterator throws on it
                CodeCase.of("TXN-BAD-VERSION", d -> Damage.flipBit(d, "payments-0/00000000000000000000.txnindex", 0, 0)),
                CodeCase.of("TXN-VERSION-LOW-BYTE", d -> Damage.flipBit(d, "payments-1/00000000000000000000.txnindex", 1, 0)),
                // entry 0's last offset 101 gets its sign bit: below the segment base 85
                CodeCase.of("TXN-LAST-OFFSET-BELOW-BASE", d -> Damage.flipBit(d, "payments-1/00000000000000000085.txnindex", 18, 7)),
                // entry 0's first offset 180 gains 2^62: above its last offset 200
                CodeCase.of("TXN-OFFSETS-INVERTED", d -> Damage.flipBit(d, "payments-1/00000000000000000165.txnindex", 10, 6)),
                // a power loss while the snapshot was written: only 6 of its 102 bytes reached the disk
                CodeCase.of("PSNAP-TRUNCATED", d -> Damage.truncateAt(d, "orders-0/00000000000000000202.snapshot", 6)),
                // version 1 becomes 3 (the version field is outside the CRC)
                CodeCase.of("PSNAP-UNKNOWN-VERSION", d -> Damage.flipBit(d, "orders-1/00000000000000000164.snapshot", 1, 1)),
                // the entry count gains 2^30
                CodeCase.of("PSNAP-COUNT-MISMATCH", d -> Damage.flipBit(d, "orders-1/00000000000000000636.snapshot", 6, 6)),
                // the file extended by 20 zero bytes that were never written (a lost fs metadata update)
                CodeCase.of("PSNAP-TRAILING-BYTES", d -> Damage.zeroTail(d, "orders-2/00000000000000000183.snapshot", 20)),
                // one bit of the first producer entry's epoch
                CodeCase.of("PSNAP-CRC-MISMATCH", d -> Damage.flipBit(d, "orders-2/00000000000000000655.snapshot", 19, 0)),
                // the metadata log's (empty) producer snapshot cut to 6 of its 10 bytes
                CodeCase.of("PSNAP-TRUNCATED", d -> Damage.truncateAt(d, "__cluster_metadata-0/00000000000000000105.snapshot", 6)));
    }

    @Override
    public Map<String, String> notRepaired() {
        return Map.of(
                "IDX-MORE-FINDINGS", "INFO: a count of findings left out of the report, not damage of its own",
                "PSNAP-BEYOND-LOG-END", "INFO: Kafka deletes a producer snapshot named past the log end when it loads the log",
                "PSNAP-STRAY", "INFO: Kafka deletes a producer snapshot at no segment base (and not the newest) when it loads the log",
                "PSNAP-NOT-CHECKED", "INFO: the snapshot was too large to read, so nothing is known to be wrong with it");
    }
}
