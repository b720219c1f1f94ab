package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.io.ChildJvm;
import dev.kfsck.core.io.KafkaLockHolder;
import dev.kfsck.testdata.corrupt.Damage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The cross-file rules on damage built by hand on a copy of {@code single-4.3-kill} (node 1, static voter 1, metadata
 * log 0..157 at epoch 1 in segments 0 and 105, snapshots 70, 113 and 153 at epoch 1), each modelled on a trial of
 * the fact sheet.
 */
class MetadataRulesTest {

    private static final String SCENARIO = "single-4.3-kill";
    private static final String MD = LogDirLayout.METADATA_DIR + "/";

    @TempDir
    Path tmp;

    private Path dir() {
        return FixtureCopies.logDirs(SCENARIO, tmp).get(0);
    }

    private static List<Finding> findings(Report r, String code) {
        return r.findings().stream().filter(f -> f.code().id().equals(code)).toList();
    }

    private static Finding only(Report r, String code) {
        List<Finding> fs = findings(r, code);
        assertEquals(1, fs.size(), code + " in " + r.findings());
        return fs.get(0);
    }

    /** Trial lecmeta-epoch7: an epoch in the cache that no batch carries is accepted, and raft jumps to it. */
    @Test
    void epochInCheckpointButNotInLogIsAnErrorAndDrivesRaftsEpoch() throws IOException {
        Path d = dir();
        Files.writeString(d.resolve(MD + "leader-epoch-checkpoint"), "0\n1\n7 0\n");
        Report r = LogDirChecker.check(d);
        Finding f = only(r, "XFILE-MLOG-LEC-EPOCH-NOT-IN-LOG");
        assertEquals(MD + "leader-epoch-checkpoint", f.location().file());
        assertEquals(4, f.location().offset(), "the entry line '7 0'");
        assertEquals(3, f.location().length());
        assertEquals(KafkaReaction.TOLERATED, f.reaction());
        assertTrue(f.message().contains("elects at 8"), f.message());
        assertEquals(7, r.logDirs().get(0).facts().metadataLog().lastEpoch(), "Kafka's last written epoch comes from the cache");
        Finding qs = only(r, "XFILE-QS-EPOCH-BELOW-LOG");
        assertEquals("1", qs.evidence().seen());
    }

    /** Missing epochs above the cache's latest are added by recovery: a stale checkpoint after a kill is normal. */
    @Test
    void staleCheckpointBelowTheBatchesIsNotAFinding() throws IOException {
        Path d = dir();
        Files.writeString(d.resolve(MD + "leader-epoch-checkpoint"), "0\n0\n");
        Report r = LogDirChecker.check(d);
        assertTrue(r.findings().stream().noneMatch(f -> f.code().id().startsWith("XFILE-MLOG-LEC")), r.findings().toString());
        assertEquals(1, r.logDirs().get(0).facts().metadataLog().lastEpoch());
    }

    /** Trial metalog-crcmid: recovery truncates early, then the latest snapshot is ahead and Kafka discards the log. */
    @Test
    void crcErrorEarlyInTheMetadataLogMakesKafkaDiscardTheLogForTheSnapshot() throws IOException {
        Path d = dir();
        String seg = MD + "00000000000000000000.log";
        long pos = secondBatchPosition(d.resolve(seg));
        Damage.flipBit(d, seg, pos + 70, 2);
        Report r = LogDirChecker.check(d);
        Finding crc = only(r, "SEG-CRC-MISMATCH");
        assertEquals(seg, crc.location().file());
        assertEquals(pos, crc.location().offset());
        assertEquals(KafkaReaction.TRUNCATES_ON_RECOVERY, crc.reaction(), "the metadata log is recovered at every start");
        Finding reset = only(r, "XFILE-SNAP-AHEAD-OF-LOG");
        assertEquals(MD + "00000000000000000153-0000000001.checkpoint", reset.location().file());
        assertEquals(KafkaReaction.TRUNCATES_ON_RECOVERY, reset.reaction());
        assertTrue(reset.message().contains("discards the whole log"), reset.message());
        long end = r.logDirs().get(0).facts().metadataLog().endOffset();
        assertTrue(end > 0 && end < 70, "recovery keeps only the first batch, log end " + end);
        Finding deleted = only(r, "XFILE-MLOG-SEGMENT-DELETED");
        assertEquals(MD + "00000000000000000105.log", deleted.location().file());
        assertTrue(deleted.message().contains("offsets 105.."), deleted.message());
    }

    /** R5: a log that starts after 0 with no snapshot reaching its start is fatal ("Inconsistent snapshot state"). */
    @Test
    void logStartWithoutSnapshotIsFatal() throws IOException {
        Path d = dir();
        try (Stream<Path> files = Files.list(d.resolve(MD))) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("00000000000000000000.") || n.endsWith(".checkpoint")) Files.delete(p);
            }
        }
        Report r = LogDirChecker.check(d);
        Finding f = only(r, "XFILE-MLOG-START-WITHOUT-SNAPSHOT");
        assertEquals(MD + "00000000000000000105.log", f.location().file());
        assertEquals(KafkaReaction.STARTUP_FATAL, f.reaction());
        assertEquals(105, r.logDirs().get(0).facts().metadataLog().startOffset());
    }

    /** Trial qs-leader2: a leader outside the voter set is forgotten (INFO in Kafka's log), pointed at its value. */
    @Test
    void leaderOutsideTheVoterSet() {
        Path d = dir();
        Damage.replaceJsonField(d, MD + "quorum-state", "leaderId", "2");
        Finding f = only(LogDirChecker.check(d), "XFILE-QS-LEADER-NOT-VOTER");
        assertEquals(MD + "quorum-state", f.location().file());
        assertEquals("{\"clusterId\":\"\",\"leaderId\":".length(), f.location().offset());
        assertEquals(1, f.location().length());
        assertEquals(KafkaReaction.TOLERATED, f.reaction());
    }

    /**
     * A dir whose meta.properties claims node 5: the metadata registers its directory for broker 1, node 5 is no voter,
     * and quorum-state's vote for 5 (self) would make it a candidate outside the voter set: fatal.
     */
    @Test
    void nodeIdThatTheMetadataDoesNotKnow() throws IOException {
        Path d = dir();
        Path meta = d.resolve(LogDirLayout.META_PROPERTIES);
        Files.writeString(meta, Files.readString(meta).replace("node.id=1", "node.id=5"));
        Damage.replaceJsonField(d, MD + "quorum-state", "leaderId", "-1");
        Damage.replaceJsonField(d, MD + "quorum-state", "votedId", "5");
        Report r = LogDirChecker.check(d);
        assertEquals(KafkaReaction.STARTUP_FATAL, only(r, "XFILE-DIR-OF-OTHER-NODE").reaction());
        only(r, "XFILE-NODE-NOT-IN-METADATA");
        Finding voted = only(r, "XFILE-QS-VOTED-SELF-NOT-VOTER");
        assertEquals(KafkaReaction.STARTUP_FATAL, voted.reaction());
        assertTrue(voted.location().offset() > 0);
    }

    @Test
    void metadataTopicIdMustBeTheReservedOne() throws IOException {
        Path d = dir();
        Files.writeString(d.resolve(MD + "partition.metadata"), "version: 0\ntopic_id: f-pWS2ogRtqUTovR45XlLg");
        Finding f = only(LogDirChecker.check(d), "XFILE-MLOG-TOPIC-ID");
        assertEquals(KafkaReaction.STARTUP_FATAL, f.reaction());
        assertEquals(11, f.location().offset());
    }

    @Test
    void missingQuorumStateIsRebuiltWithItsVoteLost() throws IOException {
        Path d = dir();
        Files.delete(d.resolve(MD + "quorum-state"));
        Report r = LogDirChecker.check(d);
        assertEquals(KafkaReaction.REBUILDS_ON_STARTUP, only(r, "XFILE-QS-MISSING").reaction());
        assertNull(r.logDirs().get(0).facts().quorum());
    }

    /** Trial lock-held: a broker (Kafka's own FileLock in another JVM) holds .lock. */
    @Test
    void lockHeldByARunningBroker() throws Exception {
        Path d = dir();
        try (ChildJvm broker = ChildJvm.start(KafkaLockHolder.class, d.toString())) {
            assertEquals("LOCKED", broker.await("LOCKED"));
            Finding f = only(LogDirChecker.check(d), "LAYOUT-LOCK-HELD");
            assertEquals(LogDirLayout.LOCK, f.location().file());
            assertTrue(f.message().contains("changing"), f.message());
            broker.send("release");
        }
        assertTrue(findings(LogDirChecker.check(d), "LAYOUT-LOCK-HELD").isEmpty(), "a released lock is not reported");
    }

    private static long secondBatchPosition(Path segment) throws IOException {
        byte[] head = new byte[12];
        try (var ch = Files.newByteChannel(segment)) {
            ch.read(ByteBuffer.wrap(head));
        }
        return 12 + ByteBuffer.wrap(head).getInt(8);
    }
}
