package dev.kfsck.core.format.checkpoint;

import dev.kfsck.core.finding.Parsed;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.server.common.CheckpointFile;
import org.apache.kafka.storage.internals.checkpoint.LeaderEpochCheckpointFile;
import org.apache.kafka.storage.internals.checkpoint.OffsetCheckpointFile;
import org.apache.kafka.storage.internals.log.LogDirFailureChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** Files written by Kafka's checkpoint classes, read by our parser; ours read by Kafka's. */
class CheckpointKafkaDifferentialTest {

    @TempDir
    Path dir;

    @Test
    void offsetCheckpointWrittenByKafka() throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (int p = 0; p < 50; p++) offsets.put(new TopicPartition("orders", p), 1000L * p);
        offsets.put(new TopicPartition("__consumer_offsets", 13), 0L);
        offsets.put(new TopicPartition("t.with-dots_and_under", 0), Long.MAX_VALUE);
        Path file = dir.resolve("replication-offset-checkpoint");
        new OffsetCheckpointFile(file.toFile(), new LogDirFailureChannel(1)).write(offsets);
        byte[] bytes = Files.readAllBytes(file);

        Parsed<OffsetCheckpoint> p = CheckpointParser.parseOffsets("replication-offset-checkpoint", bytes,
                CheckpointKind.REPLICATION_OFFSET);
        assertEquals(List.of(), p.findings());
        Map<TopicPartition, Long> ours = new HashMap<>();
        for (OffsetEntry e : p.model().entries()) ours.put(new TopicPartition(e.topic(), e.partition()), e.offset());
        assertEquals(offsets, ours);
        // same order, same bytes
        assertArrayEquals(bytes, CheckpointWriter.writeOffsets(p.model().entries()));
    }

    @Test
    void emptyOffsetCheckpointWrittenByKafka() throws Exception {
        Path file = dir.resolve("log-start-offset-checkpoint");
        new OffsetCheckpointFile(file.toFile(), new LogDirFailureChannel(1)).write(Map.of());
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals("0\n0\n".getBytes(), bytes);
        assertArrayEquals(bytes, CheckpointWriter.writeOffsets(List.of()));
        assertEquals(List.of(), CheckpointParser.parseOffsets("x", bytes, CheckpointKind.LOG_START_OFFSET).findings());
    }

    @Test
    void leaderEpochCheckpointWrittenByKafka() throws Exception {
        Path part = Files.createDirectories(dir.resolve("orders-0"));
        List<org.apache.kafka.storage.internals.log.EpochEntry> epochs = List.of(
                new org.apache.kafka.storage.internals.log.EpochEntry(0, 0),
                new org.apache.kafka.storage.internals.log.EpochEntry(2, 36276),
                new org.apache.kafka.storage.internals.log.EpochEntry(Integer.MAX_VALUE, Long.MAX_VALUE));
        new LeaderEpochCheckpointFile(LeaderEpochCheckpointFile.newFile(part.toFile()), new LogDirFailureChannel(1)).write(epochs);
        byte[] bytes = Files.readAllBytes(part.resolve("leader-epoch-checkpoint"));
        Parsed<LeaderEpochCheckpoint> p = CheckpointParser.parseLeaderEpochs("orders-0/leader-epoch-checkpoint", bytes,
                CheckpointKind.LEADER_EPOCH);
        assertEquals(List.of(), p.findings());
        assertEquals(KafkaCheckpointReader.map(epochs, e -> new EpochEntry(e.epoch(), e.startOffset())), p.model().entries());
        assertArrayEquals(bytes, CheckpointWriter.writeEpochs(p.model().entries()));
    }

    @Test
    void genericCheckpointFileAgrees() throws Exception {
        Path file = dir.resolve("generic");
        CheckpointFile.EntryFormatter<String> fmt = new CheckpointFile.EntryFormatter<>() {
            public String toString(String e) {
                return e;
            }

            public Optional<String> fromString(String s) {
                return Optional.of(s);
            }
        };
        new CheckpointFile<>(file.toFile(), 0, fmt).write(List.of("a 1 2", "b 3 4"));
        Parsed<OffsetCheckpoint> p = CheckpointParser.parseOffsets("generic", Files.readAllBytes(file), CheckpointKind.CLEANER_OFFSET);
        assertEquals(List.of(new OffsetEntry("a", 1, 2), new OffsetEntry("b", 3, 4)), p.model().entries());
    }

    @Test
    void kafkaReadsWhatOurWriterWrites() {
        List<OffsetEntry> entries = List.of(new OffsetEntry("orders", 0, 36276), new OffsetEntry("orders", 1, 0),
                new OffsetEntry("x", Integer.MAX_VALUE, Long.MIN_VALUE));
        var k = KafkaCheckpointReader.offsets(CheckpointWriter.writeOffsets(entries));
        assertEquals(KafkaReadOutcome.READS, k.outcome());
        Map<TopicPartition, Long> expected = new LinkedHashMap<>();
        for (OffsetEntry e : entries) expected.put(new TopicPartition(e.topic(), e.partition()), e.offset());
        assertEquals(expected, k.value());

        List<EpochEntry> epochs = List.of(new EpochEntry(1, 0), new EpochEntry(2, 236));
        var ke = KafkaCheckpointReader.epochs(CheckpointWriter.writeEpochs(epochs));
        assertEquals(KafkaReadOutcome.READS, ke.outcome());
        assertEquals(epochs, KafkaCheckpointReader.map(ke.value(), e -> new EpochEntry(e.epoch(), e.startOffset())));
    }

    @Test
    void ioFailuresMarkTheDirOfflineAndNumberFailuresDoNot() {
        var nul = KafkaCheckpointReader.offsets(new byte[32]);
        assertEquals(KafkaReadOutcome.FAILS_IO, nul.outcome());
        assertTrue(nul.dirOffline());
        var bad = KafkaCheckpointReader.offsets("0\n1\norders x 0\n".getBytes());
        assertEquals(KafkaReadOutcome.FAILS_OTHER, bad.outcome());
        assertFalse(bad.dirOffline());
    }
}
