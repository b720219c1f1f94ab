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

import static dev.kfsck.core.finding.KafkaReaction.SERVES_CORRUPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A transaction index cut in the middle of the entry that records an abort, in a sealed segment below the recovery
 * point: Kafka's index iterator skips the torn entry, startup recovery never looks at the segment, so the abort is
 * gone from the index and a read_committed consumer is served the aborted transaction's records as if committed.
 *
 * <p>Checked values of the kill fixture (asserted below): {@code recovery-point-offset-checkpoint} holds
 * {@code payments 0 172}; {@code payments-0/00000000000000000089.txnindex} (68 bytes, segment 89..171, the next
 * segment's base is 172) holds two entries of producer 6, the aborted transactions 75..89 and 121..139; there is no
 * {@code .kafka_cleanshutdown}, so Kafka recovers from offset 172 only. The file is cut at byte 50, 16 bytes into
 * the second entry.
 */
class TornTxnIndexBrokerTest {

    private static final String KILL = "single-4.3-kill";
    private static final String PAYMENTS_0 = "payments-0";
    private static final String TXN_INDEX = PAYMENTS_0 + "/00000000000000000089.txnindex";
    private static final int ENTRY = 34;

    @TempDir
    Path tmp;

    @Test
    void tornAbortEntryBelowTheRecoveryPointServesTheAbortedRecords() throws Exception {
        DamagedCopy c = DamagedCopy.of(KILL, tmp);
        Path partition = c.logDir.resolve(PAYMENTS_0);
        assertEquals(172, recoveryPoint(c, "payments 0 "), "segment 89 ends at 172: below the recovery point");
        assertTrue(Files.exists(partition.resolve("00000000000000000172.log")), "segment 89 is sealed by segment 172");
        assertFalse(Files.exists(c.logDir.resolve(".kafka_cleanshutdown")), "a kill: Kafka recovers from the recovery point");

        ByteBuffer index = ByteBuffer.wrap(Files.readAllBytes(c.logDir.resolve(TXN_INDEX)));
        assertEquals(2 * ENTRY, index.remaining());
        long producer = index.getLong(ENTRY + 2);
        long first = index.getLong(ENTRY + 10);
        long last = index.getLong(ENTRY + 18);
        assertTrue(89 <= first && last < 172, "the torn entry's transaction lies in segment 89: " + first + ".." + last);

        long lso = c.manifest.topic("payments").orElseThrow().partitions().stream().filter(p -> p.partition() == 0)
                .findFirst().orElseThrow().lastStableOffset();
        TreeMap<Long, Long> committed = ServedRecords.committedOnDisk(partition, lso);
        TreeMap<Long, Long> tornAborted = new TreeMap<>(ServedRecords.onDisk(partition, lso).subMap(first, last));
        tornAborted.keySet().removeAll(committed.keySet());
        assertFalse(tornAborted.isEmpty(), "producer " + producer + " aborted records in " + first + ".." + last);

        Applied a = Damage.truncateAt(c.logDir, TXN_INDEX, ENTRY + 16);
        Finding f = DamagedCopy.finding(c.check(), "TXN-PARTIAL-ENTRY", TXN_INDEX, ENTRY);
        assertEquals(ENTRY, f.location().offset(), "the finding points at the torn entry");
        assertEquals(SERVES_CORRUPT, f.reaction());
        assertEquals(Severity.ERROR, f.severity());

        try (RealBroker b = RealBroker.start("txn-index-torn-abort", c)) {
            assertEquals(Outcome.Status.STARTED, b.outcome.status(), b::explain);
            TreeMap<Long, Long> served = ServedRecords.fetchedCommitted(b.harness.cluster().bootstrapServers(),
                    new TopicPartition("payments", 0), lso);
            TreeMap<Long, Long> expected = new TreeMap<>(committed);
            expected.putAll(tornAborted);
            assertEquals(expected, served, "read_committed gets every committed record and the torn entry's aborted "
                    + "ones, and none of the other aborted transactions");
            ObservedReactions.row("txn-index-torn-abort", a.description(), f, "STARTED after "
                    + b.outcome.elapsed().toSeconds() + " s; read_committed on payments-0 gets " + served.size()
                    + " records: the " + committed.size() + " committed and the " + tornAborted.size()
                    + " aborted ones at offsets " + tornAborted.firstKey() + ".." + tornAborted.lastKey());
        }
    }

    private static long recoveryPoint(DamagedCopy c, String prefix) throws Exception {
        List<String> lines = Files.readAllLines(c.logDir.resolve("recovery-point-offset-checkpoint"));
        return lines.stream().filter(l -> l.startsWith(prefix)).mapToLong(l -> Long.parseLong(l.substring(prefix.length())))
                .findFirst().orElseThrow();
    }
}
