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
import org.apache.kafka.storage.internals.log.OffsetIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
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
            assertLogs(b, "Epoch from quorum store file (" + a.path() + ") is 0, which is smaller than last written epoch "
                    + c.manifest.quorum().leaderEpoch() + " in the log");
            assertLogs(b, "Completed transition to UnattachedState(epoch=" + c.manifest.quorum().leaderEpoch() + ",");
            long epoch = b.harness.quorum().leaderEpoch();
            assertTrue(epoch > c.manifest.quorum().leaderEpoch(),
                    "the raft epoch moves on from the log's, not from the lower stored one: " + epoch);
            ObservedReactions.row("qs-epoch-below-log", a.description(), f, "STARTED after "
                    + b.outcome.elapsed().toSeconds() + " s; serves every manifest end offset; new leader epoch " + epoch);
        }
    }

    /**
     * Files of no name Kafka knows, in the root, in a data partition and in the metadata log: kfsck reports each once
     * as LAYOUT-UNKNOWN-FILE, tolerated; the broker starts, serves every record, and leaves the files as they were.
     */
    @Test
    void unknownFilesAreLeftAloneByTheBroker() throws Exception {
        DamagedCopy c = DamagedCopy.of(KILL, tmp);
        List<String> added = List.of("notes.txt", "recovery-point-offset-checkpoint.old", ORDERS_0 + "/notes.txt",
                ORDERS_0 + "/00000000000000000000.log.tmp", "__cluster_metadata-0/quorum-state.bak");
        for (String rel : added) Files.writeString(c.logDir.resolve(rel), "left by an operator: " + rel + "\n");
        Report r = c.check();
        List<Finding> unknown = r.findings().stream().filter(f -> f.code().id().equals("LAYOUT-UNKNOWN-FILE")).toList();
        assertEquals(added.stream().sorted().toList(), unknown.stream().map(f -> f.location().file()).sorted().toList());
        unknown.forEach(f -> assertEquals(TOLERATED, f.reaction(), f::toString));

        Map<String, Long> manifestEnds = RealBroker.byName(BrokerHarness.expectedEndOffsets(c.manifest));
        try (RealBroker b = RealBroker.start("unknown-files", c)) {
            assertEquals(Outcome.Status.STARTED, b.outcome.status(), b::explain);
            assertEquals(manifestEnds, b.endOffsets(manifestEnds::equals), "every record is served");
            for (String rel : added) {
                assertEquals("left by an operator: " + rel + "\n", Files.readString(c.logDir.resolve(rel)), rel + " is untouched");
            }
            ObservedReactions.row("unknown-files", "added " + String.join(", ", added), unknown.get(0), "STARTED after "
                    + b.outcome.elapsed().toSeconds() + " s; serves every manifest end offset; all " + added.size()
                    + " files still there, unchanged");
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
            assertLogs(b, "Found invalid messages in log segment " + a.path() + " at byte offset " + f.location().offset() + ".");
            assertLogs(b, "[LogLoader partition=orders-0, dir=" + c.logDir + "] Corruption found in segment 0, truncating to offset "
                    + predictedEnd);
            ObservedReactions.row("segment-crc-flip-recovered", a.description() + "; recovery point of orders-0 removed",
                    f, "STARTED after " + b.outcome.elapsed().toSeconds() + " s; orders-0 serves end offset "
                            + predictedEnd + " (was " + manifestEnd + "): " + lost + " offsets lost, as kfsck predicted");
        }
    }

    /**
     * Garbage over the active segment's offset index after a clean shutdown: Kafka does not recover the segment and
     * reads its log end through the index, without a word. Whether that read goes wrong depends on the garbage: Kafka
     * looks up the index's last offset and scans the log from the position it finds. The seed is chosen (with Kafka's
     * own {@link OffsetIndex}) so that this position lies past the end of the segment, as in the fact sheet's trial.
     */
    @Test
    void garbageActiveIndexAfterACleanShutdownServesAWrongEnd() throws Exception {
        DamagedCopy c = DamagedCopy.of(CLEAN, tmp);
        String active = Targets.activeSegment(c.logDir, ORDERS_0);
        String index = Targets.sibling(active, ".index");
        long base = Long.parseLong(Path.of(active).getFileName().toString().replace(".log", ""));
        long indexLength = Files.size(c.logDir.resolve(index));
        long seed = seedSendingTheEndLookupPastTheSegment(c.logDir.resolve(index), base, Files.size(c.logDir.resolve(active)));
        Applied a = Damage.garbage(c.logDir, index, 0, indexLength, seed);
        long manifestEnd = endOffsetInManifest(c, ORDERS_0);

        Report r = c.check();
        List<Finding> onIndex = r.findings().stream().filter(x -> x.location().file().equals(index)).toList();
        assertFalse(onIndex.isEmpty(), DamagedCopy.describe(r.findings()));
        onIndex.forEach(x -> assertEquals(WRONG_LOOKUPS, x.reaction(), x::toString));
        Finding first = onIndex.stream().min(Comparator.comparingLong(x -> x.location().offset())).orElseThrow();
        assertEquals(0, first.location().offset(), "the first garbage entry is found at byte 0");
        assertTrue(DamagedCopy.finding(r, "XFILE-CLEAN-SHUTDOWN-WITH-DAMAGE", ".kafka_cleanshutdown", -1)
                .message().contains(index), "the marker that stops Kafka from rebuilding the index is named");

        try (RealBroker b = RealBroker.start("clean-active-index-garbage", c)) {
            assertEquals(Outcome.Status.STARTED, b.outcome.status(), b::explain);
            long served = b.endOffsets(m -> m.get(ORDERS_0) == base).get(ORDERS_0);
            assertNotEquals(manifestEnd, served, "the wrong lookups kfsck predicted: the log end is misread");
            assertEquals(base, served, "the lookup finds no batch, so Kafka takes the segment's base as the log end");
            assertEquals(served, DamagedCopy.partition(r, ORDERS_0).logEndOffset(), "kfsck predicts the end Kafka serves");
            assertTrue(onIndex.stream().anyMatch(x -> x.message().contains("reads the log end through it as " + served)),
                    () -> "the index finding names the end Kafka reads: " + onIndex);
            ObservedReactions.row("clean-active-index-garbage", a.description() + " (after a clean shutdown)", first,
                    "STARTED after " + b.outcome.elapsed().toSeconds() + " s, no warning; orders-0 serves end offset "
                            + served + " instead of " + manifestEnd);
        }
    }

    /**
     * The first garbage seed for which Kafka's own offset index, looking up its last offset, answers a position at or
     * past the end of the segment's log (so {@code LogSegment.readNextOffset} finds no batch and returns the base).
     */
    private long seedSendingTheEndLookupPastTheSegment(Path index, long base, long logSize) throws Exception {
        Path scratch = tmp.resolve("seed-search");
        String name = index.getFileName().toString();
        Files.createDirectories(scratch);
        for (long seed = 1; seed <= 10_000; seed++) {
            Path trial = scratch.resolve(name);
            Files.copy(index, trial, StandardCopyOption.REPLACE_EXISTING);
            Damage.garbage(scratch, name, 0, Files.size(index), seed);
            OffsetIndex kafka = new OffsetIndex(trial.toFile(), base, (int) Files.size(index), false);
            try {
                if (kafka.lookup(kafka.lastOffset()).position() >= logSize) return seed;
            } finally {
                kafka.close();
            }
        }
        throw new AssertionError("no seed up to 10000 misleads the lookup");
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
            assertLogs(b, "Log in " + c.logDir.resolve(ORDERS_0) + " marked stray and renamed to " + c.logDir.resolve(ORDERS_0) + ".");
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
            assertLogs(b, "Deleting all segments because logEndOffset (" + endOffsetInManifest(c, ORDERS_0)
                    + ") is smaller than logStartOffset " + checkpointed);
            TopicPartition tp = new TopicPartition("orders", 0);
            long earliest = b.harness.admin().listOffsets(Map.of(tp, OffsetSpec.earliest())).all()
                    .get(10, TimeUnit.SECONDS).get(tp).offset();
            assertEquals(checkpointed, earliest, "the log is empty: it starts where it ends");
            assertFalse(b.awaitFolders(n -> n.equals(ORDERS_0)).isEmpty());
            ObservedReactions.row("log-start-beyond-end", a.description(), f, "STARTED after "
                    + b.outcome.elapsed().toSeconds() + " s; orders-0 is empty: earliest = latest = " + checkpointed);
        }
    }

    /**
     * orders-0's active segment renamed to {@code 202.log.swap}, as if a compaction had written it without the zero
     * padding. Kafka reads offset 202 from the name but opens the swap under the padded name, creating it empty,
     * renames both swaps to their final names and loads the empty segment: orders-0 ends at 202. kfsck reports the
     * file as LAYOUT-BAD-FILE-NAME with TRUNCATES_ON_RECOVERY, where a padded swap would only be LAYOUT-LEFTOVER-SWAP.
     */
    @Test
    void unpaddedSegmentSwapIsCompletedEmpty() throws Exception {
        DamagedCopy c = DamagedCopy.of(KILL, tmp);
        String active = ORDERS_0 + "/00000000000000000202.log";
        String rel = ORDERS_0 + "/202.log.swap";
        long size = Files.size(c.logDir.resolve(active));
        Files.move(c.logDir.resolve(active), c.logDir.resolve(rel));
        Report r = c.check();
        Finding f = DamagedCopy.finding(r, "LAYOUT-BAD-FILE-NAME", rel, -1);
        assertEquals(TRUNCATES_ON_RECOVERY, f.reaction(), f::toString);
        assertTrue(f.message().contains("the records of this file are never loaded"), f::toString);
        assertEquals(202L, DamagedCopy.partition(r, ORDERS_0).logEndOffset(), "kfsck's predicted end of orders-0");

        Map<String, Long> expected = RealBroker.byName(BrokerHarness.expectedEndOffsets(c.manifest));
        long manifestEnd = expected.get(ORDERS_0);
        expected.put(ORDERS_0, 202L);
        try (RealBroker b = RealBroker.start("unpadded-segment-swap", c)) {
            assertEquals(Outcome.Status.STARTED, b.outcome.status(), b::explain);
            assertEquals(expected, b.endOffsets(expected::equals), "orders-0 ends at the swap's offset; the rest is intact");
            assertLogs(b, "Found log file " + c.logDir.resolve(rel) + " from interrupted swap operation");
            assertLogs(b, "Recovering file 00000000000000000202.log.swap by renaming from .swap files.");
            assertEquals(size, Files.size(c.logDir.resolve(ORDERS_0 + "/202.log")), "the records stay on disk, under a name Kafka never opens");
            ObservedReactions.row("unpadded-segment-swap", "renamed " + active + " to " + rel, f, "STARTED after "
                    + b.outcome.elapsed().toSeconds() + " s; orders-0 serves end offset 202 (was " + manifestEnd
                    + "): the swap's records are not loaded");
        }
    }

    /**
     * An unpadded swap beside the segment of its offset: the empty swap Kafka creates under the padded name is renamed
     * over {@code 00000000000000000202.log}, so the segment's records are lost as well as the swap's. kfsck's log-end
     * prediction does not model this (it still says 622); the finding's reaction and message do.
     */
    @Test
    void unpaddedSegmentSwapReplacesTheSegmentOfItsOffset() throws Exception {
        DamagedCopy c = DamagedCopy.of(KILL, tmp);
        String active = ORDERS_0 + "/00000000000000000202.log";
        String rel = ORDERS_0 + "/202.log.swap";
        Files.copy(c.logDir.resolve(active), c.logDir.resolve(rel));
        Report r = c.check();
        Finding f = DamagedCopy.finding(r, "LAYOUT-BAD-FILE-NAME", rel, -1);
        assertEquals(TRUNCATES_ON_RECOVERY, f.reaction(), f::toString);
        assertTrue(f.message().contains("a segment 00000000000000000202.log is replaced by the empty file"), f::toString);

        Map<String, Long> expected = RealBroker.byName(BrokerHarness.expectedEndOffsets(c.manifest));
        long manifestEnd = expected.get(ORDERS_0);
        expected.put(ORDERS_0, 202L);
        try (RealBroker b = RealBroker.start("unpadded-segment-swap-beside-its-segment", c)) {
            assertEquals(Outcome.Status.STARTED, b.outcome.status(), b::explain);
            assertEquals(expected, b.endOffsets(expected::equals), "orders-0 ends at 202; the rest is intact");
            assertEquals(0L, Files.size(c.logDir.resolve(active)), "the segment is replaced by the empty swap");
            ObservedReactions.row("unpadded-segment-swap-beside-its-segment", "copied " + active + " to " + rel, f, "STARTED after "
                    + b.outcome.elapsed().toSeconds() + " s; " + active + " is now empty and orders-0 serves end offset 202 (was "
                    + manifestEnd + ")");
        }
    }

    /**
     * The control for {@link #unpaddedSegmentSwapIsCompletedEmpty}: the same segment as a swap under its padded name
     * is completed by Kafka (the overlapped files are deleted, the swap renamed) and every record is served. kfsck
     * reports it as LAYOUT-LEFTOVER-SWAP, tolerated, and no bad name.
     */
    @Test
    void paddedSegmentSwapIsCompleted() throws Exception {
        DamagedCopy c = DamagedCopy.of(KILL, tmp);
        String active = ORDERS_0 + "/00000000000000000202.log";
        String rel = active + ".swap";
        Files.move(c.logDir.resolve(active), c.logDir.resolve(rel));
        Report r = c.check();
        Finding f = DamagedCopy.finding(r, "LAYOUT-LEFTOVER-SWAP", rel, -1);
        assertEquals(TOLERATED, f.reaction());
        assertTrue(r.findings().stream().noneMatch(x -> x.code().id().equals("LAYOUT-BAD-FILE-NAME")));

        Map<String, Long> manifestEnds = RealBroker.byName(BrokerHarness.expectedEndOffsets(c.manifest));
        try (RealBroker b = RealBroker.start("padded-segment-swap", c)) {
            assertEquals(Outcome.Status.STARTED, b.outcome.status(), b::explain);
            assertEquals(manifestEnds, b.endOffsets(manifestEnds::equals), "every record is served");
            assertLogs(b, "Recovering file 00000000000000000202.log.swap by renaming from .swap files.");
            ObservedReactions.row("padded-segment-swap", "renamed " + active + " to " + rel, f, "STARTED after "
                    + b.outcome.elapsed().toSeconds() + " s; the swap is completed and every manifest end offset served");
        }
    }

    /** The broker logged a line containing {@code text}: it did what it did for the reason kfsck gives. */
    private static void assertLogs(RealBroker b, String text) {
        assertTrue(b.log().contains(text), () -> "the broker logs '" + text + "': " + b.explain());
    }

    private static long endOffsetInManifest(DamagedCopy c, String topicPartition) {
        return RealBroker.byName(BrokerHarness.expectedEndOffsets(c.manifest)).get(topicPartition);
    }
}
