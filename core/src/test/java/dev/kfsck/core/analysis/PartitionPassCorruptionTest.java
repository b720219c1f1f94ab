package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import dev.kfsck.testdata.corrupt.Applied;
import dev.kfsck.testdata.corrupt.Corruption;
import dev.kfsck.testdata.corrupt.Targets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.kfsck.core.finding.KafkaReaction.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Each named corruption of the catalog, applied to a copy of a real broker's log dir, yields the expected code at the
 * damaged file and byte, with the reaction Kafka has to it there (fact sheet §6.8-§8, trials in §13). In
 * {@code single-4.3-kill}, orders-0 has segments 0 and 202 and its recovery point is 202: after the kill Kafka
 * recovers only segment 202 (the active one).
 */
class PartitionPassCorruptionTest {

    private static final String KILL = "single-4.3-kill";
    private static final String CLEAN = "single-4.3-clean";

    @TempDir
    Path tmp;

    private Path logDir(String scenario) {
        Manifest m = Fixtures.manifest(scenario);
        return Fixtures.copy(scenario, tmp).resolve(m.firstNode().logDir());
    }

    private static LogDirContext check(Path dir) throws Exception {
        return PartitionPassFixturesTest.check(dir);
    }

    /** The one finding with this code whose byte range holds {@code offset} (or, for -1, which is about the whole file). */
    private static Finding at(LogDirContext ctx, String code, String file, long offset) {
        List<Finding> hits = ctx.findings().stream()
                .filter(f -> f.code().id().equals(code) && f.location().file().equals(file))
                .filter(f -> offset < 0 ? f.location().offset() < 0 : f.location().offset() <= offset
                        && offset < f.location().offset() + Math.max(1, f.location().length()))
                .toList();
        assertEquals(1, hits.size(), code + " at " + file + "@" + offset + " in " + describe(ctx.findings()));
        return hits.get(0);
    }

    private static String describe(List<Finding> fs) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : fs) sb.append("\n  ").append(f.severity()).append(' ').append(f.code().id()).append(' ')
                .append(f.reaction()).append(' ').append(f.location()).append(' ').append(f.message());
        return sb.toString();
    }

    private static LogDirFacts.Partition facts(LogDirContext ctx, String tp) {
        return ctx.get(Facts.PARTITIONS).get(tp);
    }

    private static void assertNoCode(LogDirContext ctx, String code) {
        assertTrue(ctx.findings().stream().noneMatch(f -> f.code().id().equals(code)), describe(ctx.findings()));
    }

    // ---- segments

    @Test
    void crcFlipBelowTheRecoveryPointIsServedAfterAKill() throws Exception {
        Path dir = logDir(KILL);
        Applied a = Corruption.SEG_CRC_FLIP_MIDDLE.apply(dir);
        LogDirContext ctx = check(dir);
        Finding f = at(ctx, "SEG-CRC-MISMATCH", a.file(), a.offset());
        assertEquals(SERVES_CORRUPT, f.reaction());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(622, facts(ctx, "orders-0").logEndOffset(), "segment 0 is not recovered: nothing is cut");
        assertNoCode(ctx, "XFILE-CLEAN-SHUTDOWN-WITH-DAMAGE");
    }

    @Test
    void crcFlipInARecoveredSegmentTruncatesItAndDeletesTheLaterSegment() throws Exception {
        Path dir = logDir(KILL);
        Applied a = Corruption.SEG_CRC_FLIP_MIDDLE.apply(dir);
        Checkpoints.edit(dir, "recovery-point-offset-checkpoint", "orders-0", null); // no entry: recovery point 0
        Targets.Batch bad = Targets.middleBatch(a.path());
        LogDirContext ctx = check(dir);
        Finding f = at(ctx, "SEG-CRC-MISMATCH", a.file(), a.offset());
        assertEquals(bad.position(), f.location().offset());
        assertEquals(TRUNCATES_ON_RECOVERY, f.reaction());
        assertTrue(f.message().contains("recovery truncates to offset " + bad.baseOffset() + ": offsets "
                + bad.baseOffset() + "..621"), f.message());
        assertTrue(f.message().contains("[202]"), "the later segment is deleted too: " + f.message());
        assertEquals(bad.baseOffset(), facts(ctx, "orders-0").logEndOffset());
        Finding later = at(ctx, "SEG-DATA-AFTER-DAMAGE", a.file(), bad.position() + bad.size());
        assertEquals(TRUNCATES_ON_RECOVERY, later.reaction());
    }

    @Test
    void crcFlipAfterACleanShutdownIsServedAndTheMarkerMustGo() throws Exception {
        Path dir = logDir(CLEAN);
        Applied a = Corruption.SEG_CRC_FLIP_MIDDLE.apply(dir);
        LogDirContext ctx = check(dir);
        assertEquals(SERVES_CORRUPT, at(ctx, "SEG-CRC-MISMATCH", a.file(), a.offset()).reaction());
        Finding marker = at(ctx, "XFILE-CLEAN-SHUTDOWN-WITH-DAMAGE", ".kafka_cleanshutdown", -1);
        assertEquals(Severity.ERROR, marker.severity());
        assertEquals(SERVES_CORRUPT, marker.reaction());
        assertTrue(marker.message().contains(a.file()), marker.message());
        assertTrue(marker.repair().contains("remove the marker so recovery runs"));
        assertEquals(622, facts(ctx, "orders-0").logEndOffset());
    }

    @Test
    void zeroTailIsCutWithoutLossAfterAKill() throws Exception {
        Path dir = logDir(KILL);
        Applied a = Corruption.SEG_ZERO_TAIL.apply(dir);
        LogDirContext ctx = check(dir);
        Finding f = at(ctx, "SEG-ZERO-TAIL", a.file(), a.offset());
        assertEquals(a.offset(), f.location().offset());
        assertEquals(a.length(), f.location().length());
        assertEquals(TRUNCATES_ON_RECOVERY, f.reaction());
        assertEquals(Severity.WARN, f.severity());
        assertTrue(f.message().contains("no records are lost"), f.message());
        assertEquals(622, facts(ctx, "orders-0").logEndOffset());
    }

    @Test
    void zeroTailAfterACleanShutdownStopsTheBroker() throws Exception {
        Path dir = logDir(CLEAN);
        Applied a = Corruption.SEG_ZERO_TAIL.apply(dir);
        LogDirContext ctx = check(dir);
        Finding f = at(ctx, "SEG-ZERO-TAIL", a.file(), a.offset());
        assertEquals(STARTUP_FATAL, f.reaction(), "trial clean-garbagemarker-zerotail");
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(STARTUP_FATAL, at(ctx, "XFILE-CLEAN-SHUTDOWN-WITH-DAMAGE", ".kafka_cleanshutdown", -1).reaction());
    }

    @Test
    void tornTailLosesTheLastBatch() throws Exception {
        Path dir = logDir(KILL);
        Applied a = Corruption.SEG_TRUNCATED_TAIL.apply(dir);
        List<Targets.Batch> batches = Targets.batches(a.path());
        Targets.Batch lastWhole = batches.get(batches.size() - 1);
        long tornAt = lastWhole.position() + lastWhole.size();
        assertEquals(a.offset() - 20, tornAt, "the cut is 20 bytes into the batch after the last whole one");
        LogDirContext ctx = check(dir);
        Finding f = at(ctx, "SEG-TORN-TAIL", a.file(), tornAt);
        assertEquals(tornAt, f.location().offset());
        assertEquals(TRUNCATES_ON_RECOVERY, f.reaction());
        long end = facts(ctx, "orders-0").logEndOffset();
        assertTrue(end < 622 && end > lastWhole.baseOffset(), "the log ends after the last whole batch: " + end);
        assertEquals(lastWhole.baseOffset() + lastOffsetDelta(a.path(), lastWhole) + 1, end);
        assertTrue(f.message().contains("truncates to offset " + end + ": the records of the partial last batch"), f.message());
    }

    // ---- indexes

    @Test
    void garbageIndexOfASegmentKafkaDoesNotRecoverGivesWrongLookups() throws Exception {
        Path dir = logDir(KILL);
        Applied a = Corruption.INDEX_GARBAGE.apply(dir);
        LogDirContext ctx = check(dir);
        List<Finding> onIndex = onFile(ctx, a.file());
        assertFalse(onIndex.isEmpty());
        for (Finding f : onIndex) {
            assertEquals(WRONG_LOOKUPS, f.reaction(), "segment 0 lies below the recovery point 202: " + f);
            assertEquals(Severity.ERROR, f.severity());
            assertTrue(f.location().offset() >= a.offset() && f.location().offset() < a.offset() + a.length(), f.toString());
        }
    }

    @Test
    void garbageIndexOfARecoveredSegmentIsRebuilt() throws Exception {
        Path dir = logDir(KILL);
        Applied a = Corruption.INDEX_GARBAGE.apply(dir);
        Checkpoints.edit(dir, "recovery-point-offset-checkpoint", "orders-0", 0L);
        LogDirContext ctx = check(dir);
        List<Finding> onIndex = onFile(ctx, a.file());
        assertFalse(onIndex.isEmpty());
        for (Finding f : onIndex) {
            assertEquals(REBUILDS_ON_STARTUP, f.reaction(), f.toString());
            assertEquals(Severity.WARN, f.severity());
        }
    }

    @Test
    void garbageIndexAfterACleanShutdownGivesWrongLookupsAndBlamesTheMarker() throws Exception {
        Path dir = logDir(CLEAN);
        Applied a = Corruption.INDEX_GARBAGE.apply(dir);
        LogDirContext ctx = check(dir);
        List<Finding> onIndex = onFile(ctx, a.file());
        assertFalse(onIndex.isEmpty());
        onIndex.forEach(f -> assertEquals(WRONG_LOOKUPS, f.reaction(), f.toString()));
        assertTrue(at(ctx, "XFILE-CLEAN-SHUTDOWN-WITH-DAMAGE", ".kafka_cleanshutdown", -1).message().contains(a.file()));
    }

    private static List<Finding> onFile(LogDirContext ctx, String file) {
        return ctx.findings().stream().filter(f -> f.location().file().equals(file)).toList();
    }

    // ---- producer snapshots, leader epochs, partition.metadata

    @Test
    void producerSnapshotCrcFlipIsDeletedAndRebuilt() throws Exception {
        Path dir = logDir(KILL);
        Applied a = Corruption.PRODUCER_SNAPSHOT_CRC_FLIP.apply(dir);
        LogDirContext ctx = check(dir);
        Finding f = at(ctx, "PSNAP-CRC-MISMATCH", a.file(), 2);
        assertEquals(REBUILDS_ON_STARTUP, f.reaction());
    }

    @Test
    void nullFilledLeaderEpochCheckpointTakesTheDirOffline() throws Exception {
        Path dir = logDir(KILL);
        Applied a = Corruption.LEC_NULL_FILL.apply(dir);
        LogDirContext ctx = check(dir);
        Finding f = at(ctx, "CKPT-NULL-BYTES", a.file(), 0);
        assertEquals(LOG_DIR_OFFLINE, f.reaction(), "trial lec-null");
        assertEquals(Severity.ERROR, f.severity());
        assertNoCode(ctx, "LEC-EPOCH-MISMATCH");
    }

    @Test
    void removedPartitionMetadataMakesThePartitionStray() throws Exception {
        Path dir = logDir(KILL);
        Applied a = Corruption.PM_REMOVED.apply(dir);
        LogDirContext ctx = check(dir);
        Finding f = at(ctx, "PM-MISSING", a.file(), -1);
        assertEquals(PARTITION_STRAY, f.reaction(), "trial pm-missing");
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("a new empty replica may replace it: records hidden (offsets 0..621)"), f.message());
        assertEquals("topic_id: " + Fixtures.manifest(KILL).topic("orders").orElseThrow().topicId(), f.evidence().expected());
        assertNull(facts(ctx, "orders-0").topicId());
    }

    @Test
    void nullFilledPartitionMetadataTakesTheDirOffline() throws Exception {
        Path dir = logDir(KILL);
        Applied a = Corruption.PM_NULL_FILL.apply(dir);
        LogDirContext ctx = check(dir);
        assertEquals(LOG_DIR_OFFLINE, at(ctx, "PM-NULL-BYTES", a.file(), 0).reaction(), "trial pm-null");
    }

    @Test
    void emptyPartitionMetadataStopsTheBroker() throws Exception {
        Path dir = logDir(KILL);
        Files.write(dir.resolve("orders-0/partition.metadata"), new byte[0]);
        assertEquals(STARTUP_FATAL, at(check(dir), "PM-EMPTY", "orders-0/partition.metadata", -1).reaction(), "trial pm-empty");
    }

    @Test
    void aTopicIdTheMetadataDoesNotKnowMakesThePartitionStray() throws Exception {
        Path dir = logDir(KILL);
        Files.writeString(dir.resolve("orders-0/partition.metadata"), "version: 0\ntopic_id: AAAAAAAAAAAAAAAAAAAABw");
        LogDirContext ctx = check(dir);
        Finding f = at(ctx, "PM-TOPIC-ID-MISMATCH", "orders-0/partition.metadata", -1);
        assertEquals(PARTITION_STRAY, f.reaction(), "trial pm-mismatch");
        assertEquals(Fixtures.manifest(KILL).topic("orders").orElseThrow().topicId(), f.evidence().expected());
    }

    // ---- root checkpoints

    @Test
    void logStartBeyondTheEndDeletesEverySegment() throws Exception {
        Path dir = logDir(KILL);
        Applied a = Corruption.LSO_BEYOND_END.apply(dir);
        LogDirContext ctx = check(dir);
        Finding f = at(ctx, "XFILE-LOG-START-BEYOND-LOG-END", a.file(), a.offset());
        assertEquals(a.offset(), f.location().offset());
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("offsets 0..621 (622 offsets) are lost"), f.message());
        LogDirFacts.Partition p = facts(ctx, "orders-0");
        assertEquals(1622, p.logStartOffset(), "trial lso-beyond: the log restarts empty at the log start offset");
        assertEquals(1622, p.logEndOffset());
    }

    @Test
    void highWatermarkAndRecoveryPointBeyondTheEnd() throws Exception {
        Path dir = logDir(KILL);
        Checkpoints.edit(dir, "replication-offset-checkpoint", "orders-1", 99_999_999L);
        Checkpoints.edit(dir, "recovery-point-offset-checkpoint", "orders-1", 99_999_999L);
        LogDirContext ctx = check(dir);
        Finding hw = only(ctx, "XFILE-HW-BEYOND-LOG-END");
        assertEquals("replication-offset-checkpoint", hw.location().file());
        assertEquals(Severity.WARN, hw.severity());
        assertEquals("orders 1 99999999", lineAt(dir, hw));
        Finding rp = only(ctx, "XFILE-RECOVERY-POINT-BEYOND-LOG-END");
        assertEquals(Severity.INFO, rp.severity());
        assertEquals("orders 1 99999999", lineAt(dir, rp));
        assertEquals(673, facts(ctx, "orders-1").logEndOffset(), "trial rp-beyond: the active segment is still recovered");
    }

    @Test
    void checkpointEntriesWithoutFoldersAndFoldersWithoutEntries() throws Exception {
        Path dir = logDir(KILL);
        Checkpoints.edit(dir, "recovery-point-offset-checkpoint", "gone-3", 5L);
        Checkpoints.edit(dir, "recovery-point-offset-checkpoint", "orders-2", null);
        LogDirContext ctx = check(dir);
        Finding noFolder = only(ctx, "XFILE-CKPT-NO-FOLDER");
        assertEquals("gone 3 5", lineAt(dir, noFolder));
        Finding noEntry = only(ctx, "XFILE-FOLDER-NO-CKPT");
        assertEquals("orders-2", noEntry.location().file());
        assertTrue(noEntry.message().contains("recovery-point-offset-checkpoint"), noEntry.message());
    }

    // ---- leader-epoch-checkpoint against the batches

    @Test
    void negativeLeaderEpochStopsTheBroker() throws Exception {
        Path dir = logDir(KILL);
        Files.writeString(dir.resolve("orders-0/leader-epoch-checkpoint"), "0\n1\n-1 0\n");
        LogDirContext ctx = check(dir);
        assertEquals(STARTUP_FATAL, at(ctx, "LEC-NEGATIVE-ENTRY", "orders-0/leader-epoch-checkpoint", 4).reaction(), "trial lec-negative");
    }

    @Test
    void nonMonotonicEntriesAreTolerated() throws Exception {
        Path dir = logDir(KILL);
        Files.writeString(dir.resolve("orders-0/leader-epoch-checkpoint"), "0\n2\n0 0\n0 5\n");
        LogDirContext ctx = check(dir);
        Finding f = at(ctx, "LEC-NON-MONOTONIC", "orders-0/leader-epoch-checkpoint", 8);
        assertEquals(TOLERATED, f.reaction(), "trial lec-nonmono");
        assertNoCode(ctx, "LEC-EPOCH-MISMATCH"); // Kafka's cache skips "0 5" and keeps "0 0", which is right
    }

    @Test
    void anEpochTheBatchesDoNotCarryIsAMismatch() throws Exception {
        Path dir = logDir(KILL);
        Files.writeString(dir.resolve("orders-0/leader-epoch-checkpoint"), "0\n1\n7 0\n");
        LogDirContext ctx = check(dir);
        Finding f = at(ctx, "LEC-EPOCH-MISMATCH", "orders-0/leader-epoch-checkpoint", 4);
        assertEquals(4, f.location().offset());
        assertEquals(3, f.location().length());
        Finding unlisted = only(ctx, "LEC-EPOCH-NOT-LISTED");
        assertEquals(TOLERATED, unlisted.reaction(), "epoch 0 is below the cached 7: recovery never adds it");
    }

    @Test
    void anEpochStartedLaterThanItsFirstBatchIsAMismatch() throws Exception {
        Path dir = logDir(KILL);
        Files.writeString(dir.resolve("orders-0/leader-epoch-checkpoint"), "0\n1\n0 300\n");
        LogDirContext ctx = check(dir);
        Finding f = at(ctx, "LEC-EPOCH-MISMATCH", "orders-0/leader-epoch-checkpoint", 4);
        assertTrue(f.message().contains("starts at 300"), f.message());
        Finding unlisted = only(ctx, "LEC-EPOCH-NOT-LISTED");
        assertTrue(unlisted.message().contains("epoch 0 at offset 0"), unlisted.message());
    }

    @Test
    void entriesPastTheLogEndAreDroppedByKafka() throws Exception {
        Path dir = logDir(KILL);
        Files.writeString(dir.resolve("orders-0/leader-epoch-checkpoint"), "0\n3\n0 0\n2 622\n5 9999\n");
        LogDirContext ctx = check(dir);
        Finding f = at(ctx, "LEC-BEYOND-LOG-END", "orders-0/leader-epoch-checkpoint", 14);
        assertEquals(Severity.INFO, f.severity());
        assertNoCode(ctx, "LEC-EPOCH-MISMATCH"); // "2 622" starts at the log end: a leader assigned its epoch there
    }

    @Test
    void aMissingCheckpointAfterACleanShutdownIsNotRebuilt() throws Exception {
        Path dir = logDir(CLEAN);
        Files.delete(dir.resolve("orders-0/leader-epoch-checkpoint"));
        Finding f = at(check(dir), "LEC-MISSING", "orders-0/leader-epoch-checkpoint", -1);
        assertTrue(f.message().contains("does not rebuild"), f.message());
    }

    // ---- segment files

    @Test
    void overlappingSegmentsAreReported() throws Exception {
        Path dir = logDir(KILL);
        for (String ext : List.of(".log", ".index", ".timeindex")) {
            Files.move(dir.resolve("orders-0/00000000000000000202" + ext), dir.resolve("orders-0/00000000000000000150" + ext));
        }
        LogDirContext ctx = check(dir);
        Finding f = at(ctx, "SEG-OVERLAPS-NEXT", "orders-0/00000000000000000000.log", -1);
        assertTrue(f.message().contains("up to 201") && f.message().contains("150"), f.message());
        at(ctx, "SEG-FIRST-OFFSET-GAP", "orders-0/00000000000000000150.log", 0);
    }

    private static long lastOffsetDelta(Path log, Targets.Batch b) throws Exception {
        try (var ch = java.nio.channels.FileChannel.open(log)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4);
            ch.read(buf, b.position() + 23);
            return buf.flip().getInt();
        }
    }

    private static Finding only(LogDirContext ctx, String code) {
        List<Finding> hits = ctx.findings().stream().filter(f -> f.code().id().equals(code)).toList();
        assertEquals(1, hits.size(), code + describe(ctx.findings()));
        return hits.get(0);
    }

    private static String lineAt(Path dir, Finding f) throws Exception {
        byte[] b = Files.readAllBytes(dir.resolve(f.location().file()));
        return new String(b, (int) f.location().offset(), (int) f.location().length(), StandardCharsets.UTF_8);
    }

    /** Edits one entry of a root offset checkpoint, keeping the count line right. */
    static final class Checkpoints {
        static void edit(Path dir, String file, String topicPartition, Long offset) throws Exception {
            List<String> lines = Files.readAllLines(dir.resolve(file));
            List<String> entries = new ArrayList<>(lines.subList(2, lines.size()));
            int dash = topicPartition.lastIndexOf('-');
            String prefix = topicPartition.substring(0, dash) + " " + topicPartition.substring(dash + 1) + " ";
            entries.removeIf(l -> l.startsWith(prefix));
            if (offset != null) entries.add(prefix + offset);
            StringBuilder sb = new StringBuilder("0\n" + entries.size() + "\n");
            for (String e : entries) sb.append(e).append('\n');
            Files.writeString(dir.resolve(file), sb.toString());
        }
    }
}
