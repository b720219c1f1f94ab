package dev.kfsck.core.analysis.reaction;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.repair.plan.trips.ServedRecords;
import dev.kfsck.testdata.broker.Outcome;
import dev.kfsck.testdata.corrupt.Applied;
import dev.kfsck.testdata.corrupt.Damage;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

import static dev.kfsck.core.finding.KafkaReaction.REBUILDS_ON_STARTUP;
import static dev.kfsck.core.finding.KafkaReaction.SERVES_CORRUPT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A transaction index cut in the middle of the entry that records an abort. In a sealed segment below the recovery
 * point, Kafka's index iterator skips the torn entry and startup recovery never looks at the segment, so the abort is
 * gone from the index and a read_committed consumer is served the aborted transaction's records as if committed. In
 * the segment Kafka recovers (from the recovery point on after an unclean stop) it rebuilds the index from the
 * segment's markers, and the consumer gets exactly the committed records.
 *
 * <p>Checked values of the kill fixture (asserted below): {@code recovery-point-offset-checkpoint} holds
 * {@code payments 0 172}; there is no {@code .kafka_cleanshutdown}, so Kafka recovers payments-0 from offset 172
 * only. {@code payments-0/00000000000000000089.txnindex} (68 bytes, segment 89..171, sealed by segment 172) holds two
 * entries of producer 6, the aborted transactions 75..89 and 121..139; the active segment's
 * {@code 00000000000000000172.txnindex} holds 172..182 and 213..230. Each file is cut at byte 50, 16 bytes into its
 * second entry.
 */
class TornTxnIndexBrokerTest {

    private static final String KILL = "single-4.3-kill";
    private static final String PAYMENTS_0 = "payments-0";
    private static final long RECOVERY_POINT = 172;
    private static final int ENTRY = 34;

    @TempDir
    Path tmp;

    @Test
    void tornAbortEntryBelowTheRecoveryPointServesTheAbortedRecords() throws Exception {
        Torn t = tear(89);
        assertTrue(t.last < RECOVERY_POINT, "the torn entry's transaction lies below the recovery point: " + t.last);
        assertEquals(SERVES_CORRUPT, t.finding.reaction());
        assertEquals(Severity.ERROR, t.finding.severity());

        try (RealBroker b = RealBroker.start("txn-index-torn-abort", t.copy)) {
            assertEquals(Outcome.Status.STARTED, b.outcome.status(), b::explain);
            TreeMap<Long, Long> served = ServedRecords.fetchedCommitted(b.harness.cluster().bootstrapServers(),
                    new TopicPartition("payments", 0), t.lso);
            TreeMap<Long, Long> expected = new TreeMap<>(t.committed);
            expected.putAll(t.aborted);
            assertEquals(expected, served, "read_committed gets every committed record and the torn entry's aborted "
                    + "ones, and none of the other aborted transactions");
            ObservedReactions.row("txn-index-torn-abort", t.applied.description(), t.finding, "STARTED after "
                    + b.outcome.elapsed().toSeconds() + " s; read_committed on payments-0 gets " + served.size()
                    + " records: the " + t.committed.size() + " committed and the " + t.aborted.size()
                    + " aborted ones at offsets " + t.aborted.firstKey() + ".." + t.aborted.lastKey());
        }
    }

    @Test
    void tornAbortEntryInARecoveredSegmentIsRebuilt() throws Exception {
        Torn t = tear(RECOVERY_POINT);
        assertEquals(REBUILDS_ON_STARTUP, t.finding.reaction());
        assertEquals(Severity.WARN, t.finding.severity());

        try (RealBroker b = RealBroker.start("txn-index-torn-abort-recovered", t.copy)) {
            assertEquals(Outcome.Status.STARTED, b.outcome.status(), b::explain);
            TreeMap<Long, Long> served = ServedRecords.fetchedCommitted(b.harness.cluster().bootstrapServers(),
                    new TopicPartition("payments", 0), t.lso);
            assertEquals(t.committed, served, "read_committed gets exactly the committed records");
            assertTrue(b.logLine("Recovering unflushed segment " + RECOVERY_POINT).isPresent(), b::explain);
            ObservedReactions.row("txn-index-torn-abort-recovered", t.applied.description(), t.finding, "STARTED after "
                    + b.outcome.elapsed().toSeconds() + " s; recovered segment " + RECOVERY_POINT
                    + "; read_committed on payments-0 gets exactly the " + served.size() + " committed records; the "
                    + t.aborted.size() + " aborted ones at offsets " + t.aborted.firstKey() + ".." + t.aborted.lastKey()
                    + " stay hidden");
        }
        assertArrayEquals(t.original, Files.readAllBytes(t.copy.logDir.resolve(t.file)),
                "recovery rebuilt the transaction index byte for byte as Kafka first wrote it, the torn entry whole again");
    }

    /** A damaged copy whose segment {@code base} of payments-0 has its transaction index cut inside its second entry. */
    private Torn tear(long base) throws Exception {
        DamagedCopy c = DamagedCopy.of(KILL, tmp);
        Path partition = c.logDir.resolve(PAYMENTS_0);
        assertEquals(RECOVERY_POINT, recoveryPoint(c, "payments 0 "));
        assertTrue(Files.exists(partition.resolve(String.format("%020d.log", RECOVERY_POINT))),
                "segment 89 is sealed by segment 172, the active one");
        assertFalse(Files.exists(c.logDir.resolve(".kafka_cleanshutdown")), "a kill: Kafka recovers from the recovery point");

        String file = PAYMENTS_0 + "/" + String.format("%020d.txnindex", base);
        byte[] original = Files.readAllBytes(c.logDir.resolve(file));
        ByteBuffer index = ByteBuffer.wrap(original);
        assertEquals(2 * ENTRY, index.remaining());
        long producer = index.getLong(ENTRY + 2);
        long first = index.getLong(ENTRY + 10);
        long last = index.getLong(ENTRY + 18);
        assertTrue(base <= first && first < last, "the torn entry's transaction lies in segment " + base);

        long lso = c.manifest.topic("payments").orElseThrow().partitions().stream().filter(p -> p.partition() == 0)
                .findFirst().orElseThrow().lastStableOffset();
        TreeMap<Long, Long> committed = ServedRecords.committedOnDisk(partition, lso);
        TreeMap<Long, Long> aborted = new TreeMap<>(ServedRecords.onDisk(partition, lso).subMap(first, last));
        aborted.keySet().removeAll(committed.keySet());
        assertFalse(aborted.isEmpty(), "producer " + producer + " aborted records in " + first + ".." + last);

        Applied a = Damage.truncateAt(c.logDir, file, ENTRY + 16);
        Finding f = DamagedCopy.finding(c.check(), "TXN-PARTIAL-ENTRY", file, ENTRY);
        assertEquals(ENTRY, f.location().offset(), "the finding points at the torn entry");
        return new Torn(c, file, original, a, f, lso, last, committed, aborted);
    }

    private record Torn(DamagedCopy copy, String file, byte[] original, Applied applied, Finding finding, long lso, long last,
                        TreeMap<Long, Long> committed, TreeMap<Long, Long> aborted) {
    }

    private static long recoveryPoint(DamagedCopy c, String prefix) throws Exception {
        List<String> lines = Files.readAllLines(c.logDir.resolve("recovery-point-offset-checkpoint"));
        return lines.stream().filter(l -> l.startsWith(prefix)).mapToLong(l -> Long.parseLong(l.substring(prefix.length())))
                .findFirst().orElseThrow();
    }
}
