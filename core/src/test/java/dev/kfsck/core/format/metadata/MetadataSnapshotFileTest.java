package dev.kfsck.core.format.metadata;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Parsed;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.raft.VoterSet;
import org.apache.kafka.server.common.ApiMessageAndVersion;
import org.apache.kafka.server.common.KRaftVersion;
import org.apache.kafka.snapshot.Snapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static dev.kfsck.core.format.metadata.KafkaMetadataFiles.*;
import static org.junit.jupiter.api.Assertions.*;

class MetadataSnapshotFileTest {

    @TempDir
    Path dir;

    private Path sample(KRaftVersion kv, Optional<VoterSet> voters) {
        List<ApiMessageAndVersion> records = cluster(4);
        return writeSnapshot(dir, 225, 1, kv, voters,
                List.of(records.subList(0, 5), records.subList(5, 13), records.subList(13, records.size()), List.of(leaderChange())));
    }

    private static Parsed<MetadataSnapshot> parse(Path p) throws Exception {
        return MetadataSnapshotFile.read("__cluster_metadata-0/" + p.getFileName(), p);
    }

    private static List<String> codes(Parsed<?> parsed) {
        return parsed.findings().stream().map(f -> f.code().id()).toList();
    }

    @Test
    void kraftVersion0SnapshotMatchesKafkasReader() throws Exception {
        Path file = sample(KRaftVersion.KRAFT_VERSION_0, Optional.empty());
        Parsed<MetadataSnapshot> parsed = parse(file);
        KafkaView kafka = kafkaRead(file, new SnapshotId(225, 1));
        assertNull(kafka.failure());

        MetadataSnapshot s = parsed.model();
        assertEquals(List.of(), parsed.findings());
        assertTrue(s.intact() && s.headerFirst() && s.footerLast());
        assertEquals(Optional.of(new SnapshotId(225, 1)), s.id());
        assertEquals(kafka.dataCounts(), sorted(s.recordCounts()));
        assertEquals(kafka.controlCounts(), sorted(s.controlRecordCounts()));
        assertEquals(kafka.topics(), topicsOf(s.content()));
        assertTrue(s.batches().stream().allMatch(b -> b.crcValid() && b.partitionLeaderEpoch() == 1));
        assertEquals(Files.size(file), s.validBytes());
        assertTrue(s.voters().isEmpty());
        assertEquals(1_700_000_000_000L, s.lastContainedLogTimestamp().getAsLong());
        assertEquals(Optional.of(MV.featureLevel()), s.content().metadataVersionLevel());
    }

    @Test
    void partitionsBrokersAndDirectoriesComeFromTheRecords() throws Exception {
        MetadataSnapshot s = parse(sample(KRaftVersion.KRAFT_VERSION_0, Optional.empty())).model();
        ClusterMetadata m = s.content();
        assertEquals(12, m.partitions().size());
        PartitionEntry p0 = m.partition("topic-0", 0).orElseThrow();
        assertEquals(List.of(1, 2), p0.replicas());
        assertEquals(2, p0.leader(), "the PartitionChangeRecord moved the leader");
        assertEquals(dirId(2).toString(), p0.directoryOf(2));
        PartitionEntry p1 = m.partition("topic-3", 1).orElseThrow();
        assertEquals(List.of(2, 3), p1.replicas());
        assertEquals(2, p1.leader());
        assertEquals(1, p1.leaderEpoch());
        assertEquals(List.of(1, 2, 3), m.brokers().stream().map(BrokerEntry::id).toList());
        assertEquals(List.of(dirId(3).toString()), m.broker(3).orElseThrow().logDirs());
        assertEquals(List.of(1), m.controllers().stream().map(ControllerEntry::id).toList());
    }

    @Test
    void kraftVersion1VotersMatchKafkasReader() throws Exception {
        VoterSet voters = voters(3);
        Path file = sample(KRaftVersion.KRAFT_VERSION_1, Optional.of(voters));
        MetadataSnapshot s = parse(file).model();
        KafkaView kafka = kafkaRead(file, new SnapshotId(225, 1));
        assertNull(kafka.failure());
        assertEquals(kafka.controlCounts(), sorted(s.controlRecordCounts()));
        assertEquals(1, s.controlRecordCounts().get("KRAFT_VOTERS"));
        assertEquals(kafka.voterIds(), s.voters().stream().map(Voter::id).toList());
        assertEquals(kafka.voterDirs(), s.voters().stream().map(Voter::directoryId).toList());
        assertEquals(voters.voterIds().stream().sorted().toList(), s.voters().stream().map(Voter::id).toList());
        assertEquals(new Voter.Endpoint("CONTROLLER", "127.0.0.1", 9092), s.voters().get(1).endpoints().get(0));
        assertEquals(kafka.kraftVersion().orElseThrow(), s.kraftVersion().getAsInt());
        assertEquals(1, s.content().kraftVersion().getAsInt());
    }

    @Test
    void flippedByteGivesCrcFindingAtThatBatch() throws Exception {
        Path file = sample(KRaftVersion.KRAFT_VERSION_0, Optional.empty());
        MetadataSnapshot clean = parse(file).model();
        BatchInfo second = clean.batches().get(2);
        byte[] b = Files.readAllBytes(file);
        b[(int) second.position() + 70] ^= 0x40;
        Path bad = copyWith(file, b);

        Parsed<MetadataSnapshot> parsed = parse(bad);
        Finding crc = only(parsed, MetadataCodes.SNAP_CRC_MISMATCH);
        assertEquals(second.position(), crc.location().offset());
        assertEquals(second.sizeInBytes(), crc.location().length());
        assertEquals(KafkaReaction.STARTUP_FATAL, crc.reaction());
        assertFalse(parsed.model().intact());
        assertNotNull(kafkaRead(bad, new SnapshotId(225, 1)).failure(), "Kafka's reader rejects it too");
        assertEquals(KafkaReaction.TOLERATED, MetadataSnapshotFile.asOlderSnapshot(parsed.findings()).stream()
                .filter(f -> f.code().equals(MetadataCodes.SNAP_CRC_MISMATCH)).findFirst().orElseThrow().reaction());
    }

    @Test
    void cutInsideABatchIsTruncated() throws Exception {
        Path file = sample(KRaftVersion.KRAFT_VERSION_0, Optional.empty());
        BatchInfo third = parse(file).model().batches().get(2);
        byte[] b = Files.readAllBytes(file);
        Path bad = copyWith(file, Arrays.copyOf(b, (int) third.position() + third.sizeInBytes() / 2));
        Parsed<MetadataSnapshot> parsed = parse(bad);
        Finding t = only(parsed, MetadataCodes.SNAP_TRUNCATED);
        assertEquals(third.position(), t.location().offset());
        assertEquals(third.position(), parsed.model().validBytes());
        assertFalse(parsed.model().footerLast());
        assertFalse(codes(parsed).contains("SNAP-MISSING-FOOTER"), "the truncation already says it");
    }

    @Test
    void cutAtABatchBoundaryLosesTheFooter() throws Exception {
        Path file = sample(KRaftVersion.KRAFT_VERSION_0, Optional.empty());
        List<BatchInfo> batches = parse(file).model().batches();
        BatchInfo last = batches.get(batches.size() - 1);
        Path bad = copyWith(file, Arrays.copyOf(Files.readAllBytes(file), (int) last.position()));
        Parsed<MetadataSnapshot> parsed = parse(bad);
        assertEquals(List.of("SNAP-MISSING-FOOTER"), codes(parsed));
        assertNull(kafkaRead(bad, new SnapshotId(225, 1)).failure(), "Kafka's reader does not enforce the footer");
    }

    @Test
    void removedHeaderIsMissingHeaderAndKafkaAgrees() throws Exception {
        Path file = sample(KRaftVersion.KRAFT_VERSION_0, Optional.empty());
        BatchInfo header = parse(file).model().batches().get(0);
        byte[] b = Files.readAllBytes(file);
        Path bad = copyWith(file, Arrays.copyOfRange(b, header.sizeInBytes(), b.length));
        Parsed<MetadataSnapshot> parsed = parse(bad);
        assertEquals(List.of("SNAP-MISSING-HEADER"), codes(parsed));
        assertFalse(parsed.model().headerFirst());
        assertNotNull(kafkaRead(bad, new SnapshotId(225, 1)).failure());
    }

    @Test
    void nullFilledSnapshotGivesFindingsNotExceptions() throws Exception {
        Path file = sample(KRaftVersion.KRAFT_VERSION_0, Optional.empty());
        Path bad = copyWith(file, new byte[(int) Files.size(file)]);
        Parsed<MetadataSnapshot> parsed = parse(bad);
        assertTrue(codes(parsed).containsAll(List.of("SNAP-BAD-BATCH-HEADER", "SNAP-MISSING-HEADER", "SNAP-MISSING-METADATA-VERSION")),
                codes(parsed).toString());
        assertEquals(0, only(parsed, MetadataCodes.SNAP_BAD_BATCH_HEADER).location().offset());
        assertNotNull(kafkaRead(bad, new SnapshotId(225, 1)).failure());
    }

    @Test
    void missingMetadataVersionIsReported() throws Exception {
        List<ApiMessageAndVersion> records = cluster(1).subList(1, 5);
        Path file = writeSnapshot(dir, 10, 2, KRaftVersion.KRAFT_VERSION_0, Optional.empty(), List.of(records));
        Parsed<MetadataSnapshot> parsed = parse(file);
        assertEquals(List.of("SNAP-MISSING-METADATA-VERSION"), codes(parsed));
    }

    @Test
    void undecodableRecordInAValidBatchIsReportedWithItsOffset() throws Exception {
        Path file = sample(KRaftVersion.KRAFT_VERSION_0, Optional.empty());
        List<BatchInfo> batches = parse(file).model().batches();
        byte[] b = Files.readAllBytes(file);
        BatchInfo header = batches.get(0);
        // frame version 1, apiKey 0x7e (no such record type), version 0
        MemoryRecords garbage = MemoryRecords.withRecords(RecordBatch.MAGIC_VALUE_V2, 40, Compression.NONE,
                TimestampType.CREATE_TIME, -1L, (short) -1, -1, 1, false,
                new SimpleRecord(0L, null, new byte[] {1, 0x7e, 0, 0, 0}), new SimpleRecord(0L, null, new byte[] {1, 0x7e, 0}));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, header.sizeInBytes());
        ByteBuffer g = garbage.buffer();
        byte[] gb = new byte[g.remaining()];
        g.get(gb);
        out.write(gb);
        out.write(b, header.sizeInBytes(), b.length - header.sizeInBytes());
        Path bad = copyWith(file, out.toByteArray());

        Parsed<MetadataSnapshot> parsed = parse(bad);
        List<Finding> undecodable = parsed.findings().stream().filter(f -> f.code().equals(MetadataCodes.SNAP_UNDECODABLE_RECORD)).toList();
        assertEquals(2, undecodable.size(), parsed.findings().toString());
        assertTrue(undecodable.get(0).message().contains("offset 40"), undecodable.get(0).message());
        assertTrue(undecodable.get(1).message().contains("offset 41"), undecodable.get(1).message());
        assertEquals(header.sizeInBytes(), undecodable.get(0).location().offset());
        assertNotNull(kafkaRead(bad, new SnapshotId(225, 1)).failure(), "Kafka's reader fails on it too");
    }

    @Test
    void batchEpochOtherThanTheNameIsReported() throws Exception {
        Path file = sample(KRaftVersion.KRAFT_VERSION_0, Optional.empty());
        Path renamed = Files.copy(file, dir.resolve(new SnapshotId(225, 4).fileName()));
        Parsed<MetadataSnapshot> parsed = parse(renamed);
        assertEquals(List.of("SNAP-EPOCH-MISMATCH"), codes(parsed));
        assertTrue(parsed.findings().get(0).message().startsWith(parse(file).model().batches().size() + " batch"));
    }

    @Test
    void nameParsingAgreesWithKafka() {
        for (String name : List.of("00000000000000000225-0000000001.checkpoint", "00000000000000000000-0000000000.checkpoint",
                "00000000000000000240-0000000001-123456789.checkpoint.part", "00000000000000000088-0000000001.checkpoint.deleted",
                "00000000000000000225x0000000001garbage.checkpoint", "+0000000000000000225-0000000001.checkpoint",
                "bootstrap.checkpoint", "0000000000000000022a-0000000001.checkpoint", "short.checkpoint",
                "00000000000000000225-000000000x.checkpoint", "00000000000000000225.log", "quorum-state")) {
            SnapshotName ours = SnapshotName.parse(name);
            Optional<org.apache.kafka.snapshot.SnapshotPath> kafka;
            try {
                kafka = Snapshots.parse(Path.of(name));
            } catch (RuntimeException e) {
                assertTrue(ours.unreadable(), name + ": Kafka throws " + e + " but we read " + ours);
                continue;
            }
            assertFalse(ours.unreadable(), name);
            assertEquals(kafka.isPresent(), ours.id().isPresent(), name);
            kafka.ifPresent(k -> {
                assertEquals(k.snapshotId().offset(), ours.id().get().endOffset(), name);
                assertEquals(k.snapshotId().epoch(), ours.id().get().epoch(), name);
                assertEquals(k.partial(), ours.kind() == SnapshotName.Kind.PARTIAL, name);
                assertEquals(k.deleted(), ours.kind() == SnapshotName.Kind.DELETED, name);
            });
        }
        assertTrue(SnapshotName.parse("00000000000000000225-0000000001.checkpoint").canonical());
        assertFalse(SnapshotName.parse("00000000000000000225x0000000001garbage.checkpoint").canonical());
    }

    @Test
    void badNamesGiveNameFindings() throws Exception {
        Path file = sample(KRaftVersion.KRAFT_VERSION_0, Optional.empty());
        byte[] b = Files.readAllBytes(file);
        assertEquals(List.of("SNAP-NAME-UNPARSABLE", "SNAP-EPOCH-MISMATCH").subList(0, 1),
                codes(MetadataSnapshotFile.parse("__cluster_metadata-0/x.checkpoint", b)));
        assertEquals(List.of("SNAP-NAME-NONCANONICAL"),
                codes(MetadataSnapshotFile.parse("__cluster_metadata-0/00000000000000000225-0000000001-junk.checkpoint", b)));
        assertEquals(KafkaReaction.STARTUP_FATAL, MetadataSnapshotFile.asOlderSnapshot(
                MetadataSnapshotFile.parse("__cluster_metadata-0/x.checkpoint", b).findings()).get(0).reaction());
    }

    private Path copyWith(Path original, byte[] bytes) throws Exception {
        Path sub = Files.createTempDirectory(dir, "bad");
        return Files.write(sub.resolve(original.getFileName()), bytes);
    }

    private static Finding only(Parsed<?> parsed, FindingCode code) {
        List<Finding> f = parsed.findings().stream().filter(x -> x.code().equals(code)).toList();
        assertEquals(1, f.size(), parsed.findings().toString());
        return f.get(0);
    }
}
