package dev.kfsck.core.analysis.reaction;

import dev.kfsck.core.analysis.LogDirFacts;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.testdata.broker.BrokerHarness;
import dev.kfsck.testdata.broker.Outcome;
import dev.kfsck.testdata.corrupt.Applied;
import dev.kfsck.testdata.corrupt.Corruption;
import dev.kfsck.testdata.corrupt.Damage;
import dev.kfsck.testdata.corrupt.Targets;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.kfsck.core.finding.KafkaReaction.PARTITION_STRAY;
import static dev.kfsck.core.finding.KafkaReaction.TOLERATED;
import static dev.kfsck.core.finding.KafkaReaction.TRUNCATES_ON_RECOVERY;
import static dev.kfsck.core.finding.KafkaReaction.WRONG_LOOKUPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damage kfsck says the broker starts with, and what it then serves. Each case damages a fixture copy, checks that
 * kfsck names the code, file, byte offset and reaction (and the log end offset it predicts), then starts a real Kafka
 * 4.3.1 broker on the same bytes and compares the end offsets it serves (ListOffsets latest; a sole replica's high
 * watermark catches up with its log end) with the prediction and with the fixture's manifest.
 */
class BrokerStartsTest {

    private static final String KILL = "single-4.3-kill";
    private static final String CLEAN = "single-4.3-clean";
    private static final String ORDERS_0 = "orders-0";

    @TempDir
    Path tmp;

    @Test
    void quorumStateEpochBelowTheLogsIsTolerated() throws Exception {
        DamagedCopy c = DamagedCopy.of(KILL, tmp);
        Applied a = Corruption.QS_EPOCH_BELOW_LOG.apply(c.logDir);
        Finding f = DamagedCopy.finding(c.check(), "XFILE-QS-EPOCH-BELOW-LOG", a.file(), a.offset());
        assertEquals(a.offset(), f.location().offset(), "the finding points at the epoch's value");
        assertEquals(TOLERATED, f.reaction());

        Map<String, Long> manifestEnds = RealBroker.byName(BrokerHarness.expectedEndOffsets(c.manifest));
        try (RealBroker b = RealBroker.start("qs-epoch-below-log", c)) {
            assertEquals(Outcome.Status.STARTED, b.outcome.status(), b::explain);
            assertEquals(manifestEnds, b.endOffsets(manifestEnds::equals), "every record is served");
            long epoch = b.harness.quorum().leaderEpoch();
            assertTrue(epoch > c.manifest.quorum().leaderEpoch(),
                    "the raft epoch moves on from the log's, not from the lower stored one: " + epoch);
            ObservedReactions.row("qs-epoch-below-log", a.description(), f, "STARTED after "
                    + b.outcome.elapsed().toSeconds() + " s; serves every manifest end offset; new leader epoch " + epoch);
        }
    }

    /**
     * A CRC flip in the middle of the first segment of orders-0, with the partition's recovery point entry removed so
     * that Kafka recovers from offset 0 (in the kill fixture the recovery point is 202, which would leave segment 0
     * unchecked). kfsck predicts the cut at the damaged batch and the records lost; Kafka serves exactly that end.
     */
    @Test
    void crcFlipInARecoveredSegmentTruncatesWhereKfsckSays() throws Exception {
        DamagedCopy c = DamagedCopy.of(KILL, tmp);
        c.dropCheckpointEntry("recovery-point-offset-checkpoint", ORDERS_0);
        Path firstSegment = c.logDir.resolve(Targets.firstSegment(c.logDir, ORDERS_0));
        Targets.Batch bad = Targets.middleBatch(firstSegment);
        Applied a = Corruption.SEG_CRC_FLIP_MIDDLE.apply(c.logDir);
        long manifestEnd = endOffsetInManifest(c, ORDERS_0);

        Report r = c.check();
        Finding f = DamagedCopy.finding(r, "SEG-CRC-MISMATCH", a.file(), a.offset());
        assertEquals(bad.position(), f.location().offset(), "the finding starts at the damaged batch");
        assertEquals(TRUNCATES_ON_RECOVERY, f.reaction());
        long predictedEnd = DamagedCopy.partition(r, ORDERS_0).logEndOffset();
        assertEquals(bad.baseOffset(), predictedEnd, "recovery cuts the log before the damaged batch");
        long lost = manifestEnd - predictedEnd;
        assertTrue(lost > 0);
        assertTrue(f.message().contains("offsets " + predictedEnd + ".." + (manifestEnd - 1)),
                "the finding names the " + lost + " offsets lost: " + f.message());

        Map<String, Long> expected = RealBroker.byName(BrokerHarness.expectedEndOffsets(c.manifest));
        expected.put(ORDERS_0, predictedEnd);
        try (RealBroker b = RealBroker.start("segment-crc-flip-recovered", c)) {
            assertEquals(Outcome.Status.STARTED, b.outcome.status(), b::explain);
            assertEquals(expected, b.endOffsets(expected::equals), "orders-0 ends where kfsck said; the rest is intact");
            assertTrue(b.logLine("CorruptRecordException").isPresent() || b.logLine("Found invalid messages").isPresent()
                    || b.logLine("truncat").isPresent(), () -> "the broker says it cut the log: " + b.explain());
            ObservedReactions.row("segment-crc-flip-recovered", a.description() + "; recovery point of orders-0 removed",
                    f, "STARTED after " + b.outcome.elapsed().toSeconds() + " s; orders-0 serves end offset "
                            + predictedEnd + " (was " + manifestEnd + "): " + lost + " offsets lost, as kfsck predicted");
        }
    }

    /**
     * Garbage over the active segment's offset index after a clean shutdown: Kafka does not recover the segment, reads
     * its log end through the garbage index and serves a wrong end offset without a word.
     */
    @Test
    void garbageActiveIndexAfterACleanShutdownServesAWrongEnd() throws Exception {
        DamagedCopy c = DamagedCopy.of(CLEAN, tmp);
        String index = Targets.sibling(Targets.activeSegment(c.logDir, ORDERS_0), ".index");
        long indexLength = java.nio.file.Files.size(c.logDir.resolve(index));
        Applied a = Damage.garbage(c.logDir, index, 0, indexLength, 42);
        long manifestEnd = endOffsetInManifest(c, ORDERS_0);

        Report r = c.check();
        Finding first = DamagedCopy.finding(r, "IDX-ENTRY-PAST-SEGMENT", a.file(), 0);
        assertEquals(0, first.location().offset(), "the first garbage entry is the first finding");
        List<Finding> onIndex = r.findings().stream().filter(x -> x.location().file().equals(index)).toList();
        onIndex.forEach(x -> assertEquals(WRONG_LOOKUPS, x.reaction(), x::toString));
        assertTrue(DamagedCopy.finding(r, "XFILE-CLEAN-SHUTDOWN-WITH-DAMAGE", ".kafka_cleanshutdown", -1)
                .message().contains(index), "the marker that stops Kafka from rebuilding the index is named");

        try (RealBroker b = RealBroker.start("clean-active-index-garbage", c)) {
            assertEquals(Outcome.Status.STARTED, b.outcome.status(), b::explain);
            Map<String, Long> ends = b.endOffsets(m -> true);
            long served = ends.get(ORDERS_0);
            assertNotEquals(manifestEnd, served, "the wrong lookups kfsck predicted: the log end is misread");
            ObservedReactions.row("clean-active-index-garbage", a.description() + " (after a clean shutdown)", first,
                    "STARTED after " + b.outcome.elapsed().toSeconds() + " s, no warning; orders-0 serves end offset "
                            + served + " instead of " + manifestEnd);
        }
    }

    /** No partition.metadata: Kafka renames the folder -stray and serves a new, empty replica from offset 0. */
    @Test
    void missingPartitionMetadataMakesThePartitionStray() throws Exception {
        DamagedCopy c = DamagedCopy.of(KILL, tmp);
        Applied a = Corruption.PM_REMOVED.apply(c.logDir);
        long manifestEnd = endOffsetInManifest(c, ORDERS_0);
        Finding f = DamagedCopy.finding(c.check(), "PM-MISSING", a.file(), -1);
        assertEquals(PARTITION_STRAY, f.reaction());
        assertTrue(f.message().contains("offsets 0.." + (manifestEnd - 1)), f.message());

        Map<String, Long> expected = RealBroker.byName(BrokerHarness.expectedEndOffsets(c.manifest));
        expected.put(ORDERS_0, 0L);
        try (RealBroker b = RealBroker.start("partition-metadata-removed", c)) {
            assertEquals(Outcome.Status.STARTED, b.outcome.status(), b::explain);
            List<String> stray = b.awaitFolders(n -> n.startsWith(ORDERS_0 + ".") && n.endsWith("-stray"));
            assertEquals(1, stray.size(), () -> "the old folder is renamed -stray: " + stray + "\n" + b.explain());
            assertEquals(expected, b.endOffsets(expected::equals), "orders-0 is a new empty replica; the rest is intact");
            ObservedReactions.row("partition-metadata-removed", a.description(), f, "STARTED after "
                    + b.outcome.elapsed().toSeconds() + " s; orders-0 renamed " + stray.get(0).replaceAll("\\.[^.]+-stray$", ".<id>-stray")
                    + ", a new empty orders-0 serves end offset 0 (was " + manifestEnd + ")");
        }
    }

    /** A log start offset past the log end: Kafka deletes every segment and serves an empty log from that offset. */
    @Test
    void logStartBeyondTheEndDeletesEverySegment() throws Exception {
        DamagedCopy c = DamagedCopy.of(KILL, tmp);
        Applied a = Corruption.LSO_BEYOND_END.apply(c.logDir);
        Report r = c.check();
        Finding f = DamagedCopy.finding(r, "XFILE-LOG-START-BEYOND-LOG-END", a.file(), a.offset());
        assertEquals(a.offset(), f.location().offset(), "the finding points at the checkpoint's entry");
        assertEquals(TRUNCATES_ON_RECOVERY, f.reaction());
        LogDirFacts.Partition p = DamagedCopy.partition(r, ORDERS_0);
        long checkpointed = endOffsetInManifest(c, ORDERS_0) + 1000;
        assertEquals(checkpointed, p.logStartOffset());
        assertEquals(checkpointed, p.logEndOffset(), "kfsck predicts an empty log at the checkpointed start");

        Map<String, Long> expected = RealBroker.byName(BrokerHarness.expectedEndOffsets(c.manifest));
        expected.put(ORDERS_0, checkpointed);
        try (RealBroker b = RealBroker.start("log-start-beyond-end", c)) {
            assertEquals(Outcome.Status.STARTED, b.outcome.status(), b::explain);
            assertEquals(expected, b.endOffsets(expected::equals));
            TopicPartition tp = new TopicPartition("orders", 0);
            long earliest = b.harness.admin().listOffsets(Map.of(tp, OffsetSpec.earliest())).all()
                    .get(10, TimeUnit.SECONDS).get(tp).offset();
            assertEquals(checkpointed, earliest, "the log is empty: it starts where it ends");
            assertFalse(b.awaitFolders(n -> n.equals(ORDERS_0)).isEmpty());
            ObservedReactions.row("log-start-beyond-end", a.description(), f, "STARTED after "
                    + b.outcome.elapsed().toSeconds() + " s; orders-0 is empty: earliest = latest = " + checkpointed);
        }
    }

    private static long endOffsetInManifest(DamagedCopy c, String topicPartition) {
        return RealBroker.byName(BrokerHarness.expectedEndOffsets(c.manifest)).get(topicPartition);
    }
}
