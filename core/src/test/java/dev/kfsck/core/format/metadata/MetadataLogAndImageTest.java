package dev.kfsck.core.format.metadata;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Parsed;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metadata.AbortTransactionRecord;
import org.apache.kafka.common.metadata.BeginTransactionRecord;
import org.apache.kafka.common.metadata.EndTransactionRecord;
import org.apache.kafka.common.metadata.PartitionRecord;
import org.apache.kafka.common.metadata.TopicRecord;
import org.apache.kafka.server.common.ApiMessageAndVersion;
import org.apache.kafka.server.common.KRaftVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.kfsck.core.format.metadata.KafkaLogBatches.*;
import static dev.kfsck.core.format.metadata.KafkaMetadataFiles.*;
import static org.junit.jupiter.api.Assertions.*;

class MetadataLogAndImageTest {

    static final String REL = "__cluster_metadata-0";

    @TempDir
    Path logDir;
    Path dir;

    /** Offsets 0 (LeaderChange, epoch 1), 1..13 (cluster(2), epoch 1), 14..15 (topic-9, epoch 2), 16 (leader change). */
    byte[] batch0;
    byte[] batch1;
    byte[] batch2;
    byte[] batch3;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createDirectories(logDir.resolve(REL));
        batch0 = leaderChange(0, 1, 1);
        batch1 = data(1, 1, cluster(2));
        batch2 = data(14, 2, topic9());
        batch3 = data(16, 2, List.of(leaderChange()));
    }

    static List<ApiMessageAndVersion> topic9() {
        Uuid id = topicId(9);
        return List.of(new ApiMessageAndVersion(new TopicRecord().setName("topic-9").setTopicId(id), (short) 0),
                new ApiMessageAndVersion(new PartitionRecord().setTopicId(id).setPartitionId(0).setReplicas(List.of(3))
                        .setIsr(List.of(3)).setLeader(3).setDirectories(List.of(dirId(3))), MV.partitionRecordVersion()));
    }

    private Path segment(long base, byte[]... batches) throws Exception {
        return Files.write(dir.resolve(String.format("%020d.log", base)), concat(batches));
    }

    private static List<String> codes(Parsed<?> p) {
        return p.findings().stream().map(f -> f.code().id()).toList();
    }

    @Test
    void logContentEpochsAndControlRecords() throws Exception {
        segment(0, batch0, batch1, kraftVersion(14, 2, (short) 1), voters(15, 2, voters(3).toVotersRecord((short) 0)));
        segment(16, data(16, 2, topic9()), data(18, 2, List.of(leaderChange())));
        Parsed<MetadataLog> parsed = MetadataLogReader.read(dir, REL);
        MetadataLog log = parsed.model();
        assertEquals(List.of(), parsed.findings());
        assertEquals(0, log.firstOffset());
        assertEquals(19, log.nextOffset());
        assertEquals(2, log.lastEpoch());
        assertEquals(List.of(new MetadataLog.EpochStart(1, 0), new MetadataLog.EpochStart(2, 14)), log.epochStarts());
        assertEquals(1, log.leaderChanges().size());
        assertEquals(1, log.leaderChanges().get(0).leaderId());
        assertEquals(List.of(new MetadataLog.KRaftVersionChange(14, 1)), log.kraftVersionHistory());
        assertEquals(List.of(1, 2, 3), log.voterHistory().get(0).voters().stream().map(Voter::id).toList());
        assertEquals(13 + 2 + 1, log.records().size());
        assertEquals(List.of(REL + "/00000000000000000000.log", REL + "/00000000000000000016.log"), log.segments());
        assertEquals(3, log.recordCounts().get("TOPIC_RECORD"));
    }

    @Test
    void decodingStopsAtTheFirstCrcFailureAndLaterSegmentsAreNotRead() throws Exception {
        byte[] bad = batch2.clone();
        bad[bad.length - 3] ^= 0x10;
        segment(0, batch0, batch1, bad, batch3);
        segment(17, data(17, 2, List.of(leaderChange())));
        Parsed<MetadataLog> parsed = MetadataLogReader.read(dir, REL);
        assertEquals(List.of("MLOG-DECODE-STOPPED"), codes(parsed));
        Finding stop = parsed.findings().get(0);
        assertEquals(batch0.length + batch1.length, stop.location().offset());
        MetadataLog log = parsed.model();
        assertEquals(14, log.nextOffset());
        assertEquals(List.of(REL + "/00000000000000000017.log"), log.unreadSegments());
        assertEquals(13, log.records().size());
        assertEquals(new MetadataLog.StopPoint(REL + "/00000000000000000000.log", batch0.length + batch1.length, "CRC_MISMATCH"),
                log.stoppedAt().orElseThrow());
    }

    @Test
    void undecodableAndBadFrameRecordsInValidBatches() throws Exception {
        byte[] frame0 = org.apache.kafka.common.record.internal.MemoryRecords.withRecords(
                org.apache.kafka.common.record.internal.RecordBatch.MAGIC_VALUE_V2, 14L,
                org.apache.kafka.common.compress.Compression.NONE, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                -1L, (short) -1, -1, 2, false,
                new org.apache.kafka.common.record.internal.SimpleRecord(0L, null, new byte[] {0, 2, 0, 0}),
                new org.apache.kafka.common.record.internal.SimpleRecord(0L, null, new byte[] {1, 2, 0, 9, 9, 9}))
                .buffer().array();
        segment(0, batch0, batch1, frame0);
        Parsed<MetadataLog> parsed = MetadataLogReader.read(dir, REL);
        assertEquals(List.of("MLOG-FRAME-VERSION", "MLOG-UNDECODABLE-RECORD"), codes(parsed));
        assertTrue(parsed.findings().get(0).message().contains("offset 14"), parsed.findings().toString());
        assertTrue(parsed.findings().get(1).message().contains("offset 15"), parsed.findings().toString());
        assertEquals(16, parsed.model().nextOffset(), "a CRC-valid batch stays in the log");
    }

    @Test
    void imageFromSnapshotPlusLogEqualsImageFromTheWholeLog() throws Exception {
        segment(0, batch0, batch1, batch2, batch3);
        ClusterMetadata fromLog = MetadataImageBuilder.build(dir, REL).model();

        writeSnapshot(dir, 14, 1, KRaftVersion.KRAFT_VERSION_0, Optional.empty(), List.of(cluster(2)));
        Parsed<ClusterMetadata> parsed = MetadataImageBuilder.build(dir, REL);
        assertEquals(List.of(), parsed.findings());
        ClusterMetadata m = parsed.model();

        assertEquals(fromLog.topics(), m.topics());
        assertEquals(fromLog.partitions(), m.partitions());
        assertEquals(fromLog.brokers(), m.brokers());
        assertEquals(List.of("topic-0", "topic-1", "topic-9"), m.topics().stream().map(TopicEntry::name).toList());
        assertEquals(2, m.partition("topic-0", 0).orElseThrow().leader());
        assertEquals(3, m.partition("topic-9", 0).orElseThrow().leader());
        assertEquals(List.of(dirId(3).toString()), m.partition("topic-9", 0).orElseThrow().directories());

        ImageProvenance p = m.provenance();
        assertEquals(Optional.of(new SnapshotId(14, 1)), p.snapshotId());
        assertEquals(REL + "/" + new SnapshotId(14, 1).fileName(), p.snapshotFile());
        assertEquals(14, p.firstLogOffset());
        assertEquals(16, p.lastLogOffset());
        assertEquals(2, p.lastEpoch());
        assertEquals(3, p.appliedRecords());
        assertEquals(17, p.endOffset());
        assertEquals(1, fromLog.provenance().firstLogOffset(), "offset 0 is the LeaderChange control record");
        assertTrue(fromLog.provenance().snapshotFile().isEmpty());
    }

    @Test
    void damagedNewestSnapshotFallsBackToAnOlderOne() throws Exception {
        segment(0, batch0, batch1, batch2, batch3);
        writeSnapshot(dir, 14, 1, KRaftVersion.KRAFT_VERSION_0, Optional.empty(), List.of(cluster(2)));
        List<ApiMessageAndVersion> newer = new ArrayList<>(cluster(2));
        newer.addAll(topic9());
        Path newest = writeSnapshot(dir, 16, 2, KRaftVersion.KRAFT_VERSION_0, Optional.empty(), List.of(newer));
        byte[] b = Files.readAllBytes(newest);
        b[b.length - 80] ^= 1;
        newest.toFile().setWritable(true);
        Files.write(newest, b);

        Parsed<ClusterMetadata> parsed = MetadataImageBuilder.build(dir, REL);
        assertTrue(codes(parsed).contains("SNAP-CRC-MISMATCH"));
        assertTrue(codes(parsed).contains("SNAP-IMAGE-FROM-OLDER"));
        assertEquals(Optional.of(new SnapshotId(14, 1)), parsed.model().provenance().snapshotId());
        assertTrue(parsed.model().topic("topic-9").isPresent(), "the log after the older snapshot still adds topic-9");
    }

    @Test
    void logStartingAfterTheSnapshotLeavesAGap() throws Exception {
        writeSnapshot(dir, 14, 1, KRaftVersion.KRAFT_VERSION_0, Optional.empty(), List.of(cluster(2)));
        segment(16, batch3);
        Parsed<ClusterMetadata> parsed = MetadataImageBuilder.build(dir, REL);
        assertEquals(List.of("MLOG-IMAGE-GAP"), codes(parsed));
        assertEquals(2, parsed.model().partition("topic-0", 0).orElseThrow().leader(), "what is there is still applied");
    }

    @Test
    void transactionsApplyOnlyWhenEnded() throws Exception {
        ApiMessageAndVersion begin = new ApiMessageAndVersion(new BeginTransactionRecord().setName("t"), (short) 0);
        ApiMessageAndVersion end = new ApiMessageAndVersion(new EndTransactionRecord(), (short) 0);
        ApiMessageAndVersion abort = new ApiMessageAndVersion(new AbortTransactionRecord(), (short) 0);
        List<ApiMessageAndVersion> t9 = topic9();

        segment(0, batch0, batch1, data(14, 2, List.of(begin, t9.get(0), t9.get(1), end)));
        assertTrue(MetadataImageBuilder.build(dir, REL).model().topic("topic-9").isPresent());

        segment(0, batch0, batch1, data(14, 2, List.of(begin, t9.get(0), t9.get(1), abort)));
        Parsed<ClusterMetadata> aborted = MetadataImageBuilder.build(dir, REL);
        assertTrue(aborted.model().topic("topic-9").isEmpty());
        assertEquals(List.of(), codes(aborted));

        segment(0, batch0, batch1, data(14, 2, List.of(begin, t9.get(0), t9.get(1))));
        Parsed<ClusterMetadata> open = MetadataImageBuilder.build(dir, REL);
        assertTrue(open.model().topic("topic-9").isEmpty());
        assertEquals(List.of("MLOG-OPEN-TRANSACTION"), codes(open));
    }

    @Test
    void inconsistentRecordIsSkippedAndReported() throws Exception {
        ApiMessageAndVersion orphan = new ApiMessageAndVersion(new PartitionRecord().setTopicId(topicId(77)).setPartitionId(0)
                .setReplicas(List.of(1)).setIsr(List.of(1)).setLeader(1).setDirectories(List.of(dirId(1))), MV.partitionRecordVersion());
        segment(0, batch0, batch1, data(14, 2, List.of(orphan, topic9().get(0), topic9().get(1))));
        Parsed<ClusterMetadata> parsed = MetadataImageBuilder.build(dir, REL);
        assertEquals(List.of("MLOG-RECORD-NOT-APPLICABLE"), codes(parsed), parsed.findings().toString());
        assertTrue(parsed.findings().get(0).message().contains("offset 14"));
        assertTrue(parsed.model().topic("topic-9").isPresent());
        assertEquals(1, parsed.model().provenance().skippedRecords());
    }

    @Test
    void votersAndKraftVersionFollowTheLog() throws Exception {
        writeSnapshot(dir, 14, 1, KRaftVersion.KRAFT_VERSION_1, Optional.of(voters(1)), List.of(cluster(2)));
        segment(0, batch0, batch1, voters(14, 2, voters(3).toVotersRecord((short) 0)));
        ClusterMetadata m = MetadataImageBuilder.build(dir, REL).model();
        assertEquals(List.of(1, 2, 3), m.voters().stream().map(Voter::id).toList());
        assertEquals(1, m.kraftVersion().getAsInt());
    }
}
