package dev.kfsck.core.format.checkpoint;

import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.finding.Severity;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every checkpoint written by a real broker in the fixtures: no ERROR, and the values Kafka's reader gives. */
class CheckpointFixturesTest {

    @Test
    void offsetCheckpoints() {
        assumeTrue(FixtureFiles.present(), "no fixtures");
        List<FixtureFiles.FixtureFile> files = FixtureFiles.find(n -> n.endsWith("-offset-checkpoint"));
        assertFalse(files.isEmpty());
        for (FixtureFiles.FixtureFile f : files) {
            CheckpointKind kind = CheckpointKind.ofPath(f.relative());
            assertNotNull(kind, f.toString());
            byte[] bytes = f.bytes();
            Parsed<OffsetCheckpoint> p = CheckpointParser.parseOffsets(f.relative(), bytes, kind);
            assertTrue(p.findings().stream().noneMatch(x -> x.severity() == Severity.ERROR), f + ": " + p.findings());
            var k = KafkaCheckpointReader.offsets(bytes);
            assertEquals(KafkaReadOutcome.READS, k.outcome(), f.toString());
            assertEquals(KafkaReadOutcome.READS, p.model().kafkaRead(), f.toString());
            Map<TopicPartition, Long> ours = new HashMap<>();
            p.model().entries().forEach(e -> ours.put(new TopicPartition(e.topic(), e.partition()), e.offset()));
            assertEquals(k.value(), ours, f.toString());
            if (bytes.length > 0) assertArrayEquals(bytes, CheckpointWriter.writeOffsets(p.model().entries()), f.toString());
        }
    }

    @Test
    void leaderEpochCheckpoints() {
        assumeTrue(FixtureFiles.present(), "no fixtures");
        List<FixtureFiles.FixtureFile> files = FixtureFiles.find(n -> n.equals("leader-epoch-checkpoint"));
        assertFalse(files.isEmpty());
        for (FixtureFiles.FixtureFile f : files) {
            CheckpointKind kind = CheckpointKind.ofPath(f.relative());
            byte[] bytes = f.bytes();
            Parsed<LeaderEpochCheckpoint> p = CheckpointParser.parseLeaderEpochs(f.relative(), bytes, kind);
            assertTrue(p.findings().stream().noneMatch(x -> x.severity() == Severity.ERROR), f + ": " + p.findings());
            var k = KafkaCheckpointReader.epochs(bytes);
            assertEquals(KafkaReadOutcome.READS, k.outcome(), f.toString());
            assertEquals(KafkaCheckpointReader.map(k.value(), e -> new EpochEntry(e.epoch(), e.startOffset())),
                    p.model().entries(), f.toString());
            if (bytes.length > 0) assertArrayEquals(bytes, CheckpointWriter.writeEpochs(p.model().entries()), f.toString());
        }
    }
}
