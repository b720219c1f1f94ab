package dev.kfsck.core.analysis.reaction;

import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.testdata.broker.Outcome;
import dev.kfsck.testdata.corrupt.Applied;
import dev.kfsck.testdata.corrupt.Corruption;
import dev.kfsck.testdata.corrupt.Targets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.kfsck.core.finding.KafkaReaction.LOG_DIR_OFFLINE;
import static dev.kfsck.core.finding.KafkaReaction.STARTUP_FATAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damage kfsck says stops the broker: STARTUP_FATAL means the real Kafka 4.3.1 process exits during startup,
 * LOG_DIR_OFFLINE means it takes its only log dir offline (and then halts). Each case damages a fixture copy, checks
 * that kfsck names the code, file, byte offset and reaction, then starts a real broker on the same bytes.
 */
class BrokerDoesNotStartTest {

    private static final String KILL = "single-4.3-kill";
    private static final String CLEAN = "single-4.3-clean";

    @TempDir
    Path tmp;

    @Test
    void nullFilledQuorumStateStopsTheBroker() throws Exception {
        DamagedCopy c = DamagedCopy.of(KILL, tmp);
        Applied a = Corruption.QS_NULL_FILL.apply(c.logDir);
        proveStops("qs-null-fill", c, a, "QS-NULL-BYTES", 0, STARTUP_FATAL,
                "Error while reading the Quorum status from the file " + a.path());
    }

    @Test
    void strayFolderInTheLogDirRootStopsTheBroker() throws Exception {
        DamagedCopy c = DamagedCopy.of(KILL, tmp);
        Applied a = Corruption.STRAY_FOLDER.apply(c.logDir);
        proveStops("stray-folder", c, a, "LAYOUT-STRAY-FOLDER", -1, STARTUP_FATAL,
                "Found directory " + a.path() + ", 'orders-0.bak' is not in the form of topic-partition");
    }

    @Test
    void nullFilledMetaPropertiesStopsTheBroker() throws Exception {
        DamagedCopy c = DamagedCopy.of(KILL, tmp);
        Applied a = Corruption.META_PROPS_NULL_FILL.apply(c.logDir);
        proveStops("meta-properties-null-fill", c, a, "META-NULL-BYTES", 0, STARTUP_FATAL,
                "Error: node ID not found in " + c.logDir);
    }

    @Test
    void crcFlipInTheLatestMetadataSnapshotStopsTheBroker() throws Exception {
        DamagedCopy c = DamagedCopy.of(KILL, tmp);
        Applied a = Corruption.SNAPSHOT_CRC_FLIP.apply(c.logDir);
        proveStops("snapshot-crc-flip", c, a, "SNAP-CRC-MISMATCH", a.offset(), STARTUP_FATAL,
                "CorruptRecordException: Record is corrupt");
    }

    @Test
    void zeroTailAfterACleanShutdownStopsTheBroker() throws Exception {
        DamagedCopy c = DamagedCopy.of(CLEAN, tmp);
        Applied a = Corruption.SEG_ZERO_TAIL.apply(c.logDir);
        Finding f = proveStops("clean-zero-tail", c, a, "SEG-ZERO-TAIL", a.offset(), STARTUP_FATAL,
                "Found record size 0 smaller than minimum record overhead (14) in file " + a.path());
        assertEquals(a.offset(), f.location().offset(), "the zeros start where the segment ended");
        assertEquals(a.length(), f.location().length());
    }

    @Test
    void nullFilledReplicationCheckpointTakesTheDirOffline() throws Exception {
        DamagedCopy c = DamagedCopy.of(KILL, tmp);
        Applied a = Corruption.REPL_CKPT_NULL_FILL.apply(c.logDir);
        proveStops("replication-checkpoint-null-fill", c, a, "CKPT-NULL-BYTES", 0, LOG_DIR_OFFLINE,
                "Error while reading checkpoint file " + a.path());
    }

    @Test
    void nullFilledLeaderEpochCheckpointOfADataPartitionTakesTheDirOffline() throws Exception {
        DamagedCopy c = DamagedCopy.of(KILL, tmp);
        Applied a = Corruption.LEC_NULL_FILL.apply(c.logDir);
        proveStops("leader-epoch-checkpoint-null-fill", c, a, "CKPT-NULL-BYTES", 0, LOG_DIR_OFFLINE,
                "Error while reading checkpoint file " + a.path());
    }

    /** An operator's copy of a segment left in the partition folder: Kafka parses every .log name as an offset. */
    @Test
    void segmentCopyWithANonNumericNameStopsTheBroker() throws Exception {
        proveCopyStops(DamagedCopy.of(KILL, tmp), "stray-segment-copy", "orders-1/00000000000000000000.log",
                "orders-1/copy-of-00000000000000000000.log", "SEG-BAD-FILE-NAME");
    }

    /**
     * The same copy in {@code __cluster_metadata-0}: the raft log is loaded by the same log loader, while the shared
     * server starts, before any data partition.
     */
    @Test
    void segmentCopyWithANonNumericNameInTheMetadataLogStopsTheBroker() throws Exception {
        proveCopyStops(DamagedCopy.of(KILL, tmp), "stray-metadata-segment-copy", "__cluster_metadata-0/00000000000000000000.log",
                "__cluster_metadata-0/copy-of-00000000000000000000.log", "SEG-BAD-FILE-NAME");
    }

    /**
     * An operator's copy of an offset index: Kafka's log loader takes every *.index file for the index of the segment
     * at the offset in its name, parses it with Long.parseLong and does not catch the failure.
     */
    @Test
    void indexCopyWithANonNumericNameStopsTheBroker() throws Exception {
        proveCopyStops(DamagedCopy.of(KILL, tmp), "stray-index-copy", "orders-1/00000000000000000000.index",
                "orders-1/copy-of-00000000000000000000.index", "LAYOUT-BAD-FILE-NAME");
    }

    /**
     * A copy of a producer snapshot: the producer state manager, not the log loader, lists *.snapshot files (when the
     * log is created, before its segments are loaded), and it fails on the name the same way.
     */
    @Test
    void producerSnapshotCopyWithANonNumericNameStopsTheBroker() throws Exception {
        proveCopyStops(DamagedCopy.of(KILL, tmp), "stray-producer-snapshot-copy", "orders-1/00000000000000000636.snapshot",
                "orders-1/copy-of-00000000000000000636.snapshot", "LAYOUT-BAD-FILE-NAME");
    }

    /** A .swap of no offset: the loader reads the offset of every .swap file before it completes any swap. */
    @Test
    void swapFileWithANonNumericNameStopsTheBroker() throws Exception {
        proveCopyStops(DamagedCopy.of(KILL, tmp), "stray-swap-copy", "orders-1/00000000000000000000.log",
                "orders-1/copy-of-00000000000000000000.log.swap", "LAYOUT-BAD-FILE-NAME");
    }

    /**
     * The same index copy in a -stray folder: Kafka never serves a stray replica, but LogManager.loadLog creates its
     * log (and runs the loader) before it looks at the folder's suffix.
     */
    @Test
    void indexCopyWithANonNumericNameInAStrayFolderStopsTheBroker() throws Exception {
        DamagedCopy c = DamagedCopy.of(KILL, tmp);
        String stray = "orders-1.0123456789abcdef0123456789abcdef-stray";
        java.nio.file.Files.createDirectory(c.logDir.resolve(stray));
        for (String name : java.util.List.of("00000000000000000000.log", "00000000000000000000.index", "00000000000000000000.timeindex")) {
            java.nio.file.Files.copy(c.logDir.resolve("orders-1/" + name), c.logDir.resolve(stray + "/" + name));
        }
        proveCopyStops(c, "stray-folder-index-copy", "orders-1/00000000000000000000.index",
                stray + "/copy-of-00000000000000000000.index", "LAYOUT-BAD-FILE-NAME");
    }

    /**
     * Copies {@code file} to {@code rel} in the copy {@code c}, and proves that kfsck reports {@code code} there and
     * that Kafka exits on the name: a NumberFormatException for the part of it before the first dot.
     */
    private static void proveCopyStops(DamagedCopy c, String caseName, String file, String rel, String code) throws Exception {
        java.nio.file.Files.copy(c.logDir.resolve(file), c.logDir.resolve(rel));
        Applied a = new Applied(caseName, Applied.Kind.REWRITE, rel, c.logDir.resolve(rel), 0,
                java.nio.file.Files.size(c.logDir.resolve(rel)), "copied " + file + " to " + rel);
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        proveStops(caseName, c, a, code, -1, STARTUP_FATAL,
                "NumberFormatException: For input string: \"" + name.substring(0, name.indexOf('.')) + "\"");
    }

    private static Targets.Batch batchHolding(Applied flip) {
        return Targets.batches(flip.path()).stream()
                .filter(b -> b.position() <= flip.offset() && flip.offset() < b.position() + b.size())
                .findFirst().orElseThrow();
    }

    /**
     * kfsck reports {@code code} on the damaged file at {@code offset} (-1: the file as a whole) with
     * {@code reaction}; the broker then exits (STARTUP_FATAL) or takes the dir offline (LOG_DIR_OFFLINE), and its
     * log names {@code cause}: it failed on this damage, not on something else.
     */
    private static Finding proveStops(String caseName, DamagedCopy c, Applied a, String code, long offset,
                                      KafkaReaction reaction, String cause) {
        Report r = c.check();
        Finding f = DamagedCopy.finding(r, code, a.file(), offset);
        assertEquals(reaction, f.reaction(), f::toString);
        if (a.kind() == Applied.Kind.FLIP_BIT) {
            assertEquals(batchHolding(a).position(), f.location().offset(), () -> "the finding starts at the damaged batch: " + f);
        } else if (offset >= 0) {
            assertEquals(offset, f.location().offset(), f::toString);
        }
        Outcome.Status expected = reaction == STARTUP_FATAL ? Outcome.Status.EXITED : Outcome.Status.LOG_DIR_OFFLINE;
        try (RealBroker b = RealBroker.start(caseName, c)) {
            Outcome o = b.outcome;
            assertEquals(expected, o.status(), b::explain);
            assertTrue(o.exitCode().isPresent(), () -> "the broker process is gone: " + b.explain());
            assertFalse(o.exitCode().get() == 0, () -> "a failing broker exits non-zero: " + b.explain());
            String because = b.logLine(cause).orElseThrow(() -> new AssertionError("no line with '" + cause + "': " + b.explain()));
            ObservedReactions.row(caseName, a.description(), f, o.status() + " after " + o.elapsed().toSeconds()
                    + " s, exit code " + o.exitCode().get() + ": " + because);
        }
        return f;
    }
}
