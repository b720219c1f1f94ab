package dev.kfsck.core.format.checkpoint;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.*;

class CheckpointParserTest {

    static final String RP = "recovery-point-offset-checkpoint";
    static final String LEC = "__cluster_metadata-0/leader-epoch-checkpoint";

    static Parsed<OffsetCheckpoint> offsets(String s) {
        return offsets(s.getBytes(StandardCharsets.UTF_8));
    }

    static Parsed<OffsetCheckpoint> offsets(byte[] b) {
        return CheckpointParser.parseOffsets(RP, b, CheckpointKind.RECOVERY_POINT);
    }

    static Parsed<LeaderEpochCheckpoint> epochs(String s, CheckpointKind kind) {
        return CheckpointParser.parseLeaderEpochs(LEC, s.getBytes(StandardCharsets.UTF_8), kind);
    }

    static List<FindingCode> codes(Parsed<?> p) {
        return p.findings().stream().map(Finding::code).toList();
    }

    @Test
    void zeroBytesAndVersionOnlyAreValidAndEmpty() {
        for (String s : List.of("", "0\n", "0\n0\n")) {
            Parsed<OffsetCheckpoint> p = offsets(s);
            assertEquals(List.of(), p.findings(), s);
            assertEquals(List.of(), p.model().entries());
            assertEquals(KafkaReadOutcome.READS, p.model().kafkaRead());
        }
    }

    @Test
    void realFileReads() {
        Parsed<OffsetCheckpoint> p = offsets("0\n2\norders 0 36276\n__consumer_offsets 13 0\n");
        assertEquals(List.of(), p.findings());
        assertEquals(List.of(new OffsetEntry("orders", 0, 36276), new OffsetEntry("__consumer_offsets", 13, 0)), p.model().entries());
        assertEquals(OptionalInt.of(2), p.model().declaredCount());
    }

    @Test
    void tabsTrailingSpaceAndCrlfAreAccepted() {
        Parsed<OffsetCheckpoint> p = offsets("0\r\n2\r\norders\t0\t5\r\norders 1 7 \r\n");
        assertEquals(List.of(), p.findings());
        assertEquals(2, p.model().entries().size());
    }

    @Test
    void unknownVersion() {
        Parsed<OffsetCheckpoint> p = offsets("1\n0\n");
        assertEquals(List.of(CheckpointCodes.UNKNOWN_VERSION), codes(p));
        assertEquals(KafkaReadOutcome.FAILS_IO, p.model().kafkaRead());
        assertEquals(0, p.findings().get(0).location().offset());
    }

    @Test
    void countMismatchBothWays() {
        Parsed<OffsetCheckpoint> few = offsets("0\n5\norders 0 1\n");
        assertEquals(List.of(CheckpointCodes.COUNT_MISMATCH), codes(few));
        assertEquals(2, few.findings().get(0).location().offset());
        assertEquals(KafkaReadOutcome.FAILS_IO, few.model().kafkaRead());
        assertEquals(KafkaReaction.LOG_DIR_OFFLINE, few.findings().get(0).reaction());

        Parsed<OffsetCheckpoint> many = offsets("0\n1\norders 0 1\norders 1 1\n");
        assertEquals(List.of(CheckpointCodes.COUNT_MISMATCH), codes(many));
        assertEquals(2, many.model().entries().size(), "salvage keeps every entry that parses");
    }

    @Test
    void malformedLinesCarryTheirByteOffset() {
        String s = "0\n3\norders 0 1\n\n orders 1 2\n";
        Parsed<OffsetCheckpoint> p = offsets(s);
        assertEquals(List.of(CheckpointCodes.MALFORMED_LINE, CheckpointCodes.MALFORMED_LINE), codes(p));
        assertEquals(s.indexOf("\n\n") + 1, p.findings().get(0).location().offset());
        assertTrue(p.findings().get(0).message().contains("blank"));
        assertEquals(s.indexOf(" orders 1"), p.findings().get(1).location().offset());
        assertTrue(p.findings().get(1).message().contains("leading whitespace"));
        assertEquals(KafkaReadOutcome.FAILS_IO, p.model().kafkaRead());
    }

    @Test
    void badNumberIsOnlyAWarningForOffsetCheckpoints() {
        Parsed<OffsetCheckpoint> p = offsets("0\n1\norders x 0\n");
        assertEquals(List.of(CheckpointCodes.BAD_NUMBER), codes(p));
        assertEquals(Severity.WARN, p.findings().get(0).severity());
        assertEquals(KafkaReadOutcome.FAILS_OTHER, p.model().kafkaRead());
        assertTrue(KafkaCheckpointReader.offsets("0\n1\norders x 0\n".getBytes()).outcome() == KafkaReadOutcome.FAILS_OTHER);
    }

    @ParameterizedTest
    @EnumSource(value = CheckpointKind.class, names = {"LEADER_EPOCH", "METADATA_LEADER_EPOCH"})
    void badNumberIsFatalForLeaderEpochCheckpoints(CheckpointKind kind) {
        Parsed<LeaderEpochCheckpoint> p = epochs("0\n1\nx 0\n", kind);
        assertEquals(List.of(CheckpointCodes.LEC_BAD_NUMBER), codes(p));
        assertEquals(KafkaReaction.STARTUP_FATAL, p.findings().get(0).reaction());
    }

    @Test
    void ioDamageInTheMetadataEpochFileIsFatalElsewhereOffline() {
        String s = "0\n1\n1 0 7\n";
        assertEquals(KafkaReaction.STARTUP_FATAL, epochs(s, CheckpointKind.METADATA_LEADER_EPOCH).findings().get(0).reaction());
        assertEquals(KafkaReaction.LOG_DIR_OFFLINE, epochs(s, CheckpointKind.LEADER_EPOCH).findings().get(0).reaction());
    }

    @Test
    void negativeCountIsANonIoFailure() {
        Parsed<OffsetCheckpoint> p = offsets("0\n-1\n");
        assertEquals(List.of(CheckpointCodes.BAD_NUMBER), codes(p));
        assertEquals(KafkaReadOutcome.FAILS_OTHER, p.model().kafkaRead());
        assertEquals(KafkaReadOutcome.FAILS_OTHER, KafkaCheckpointReader.offsets("0\n-1\n".getBytes()).outcome());
    }

    @Test
    void wholeFileNulls() {
        Parsed<OffsetCheckpoint> p = offsets(new byte[64]);
        assertEquals(List.of(CheckpointCodes.NULL_BYTES), codes(p));
        assertEquals(64, p.findings().get(0).location().length());
        assertEquals(KafkaReadOutcome.FAILS_IO, p.model().kafkaRead());
    }

    @Test
    void nullTailAndNullRangeAreLocated() {
        byte[] good = "0\n2\norders 0 1\norders 1 2\n".getBytes(StandardCharsets.UTF_8);
        byte[] tail = Arrays.copyOf(good, good.length + 100);
        Parsed<OffsetCheckpoint> p = offsets(tail);
        assertEquals(List.of(CheckpointCodes.NULL_BYTES), codes(p));
        assertEquals(good.length, p.findings().get(0).location().offset());
        assertEquals(100, p.findings().get(0).location().length());
        assertTrue(p.findings().get(0).message().contains("zero tail"));
        assertEquals(2, p.model().entries().size());

        byte[] range = good.clone();
        Arrays.fill(range, 14, 18, (byte) 0);
        Parsed<OffsetCheckpoint> r = offsets(range);
        assertEquals(CheckpointCodes.NULL_BYTES, r.findings().get(0).code());
        assertEquals(14, r.findings().get(0).location().offset());
        assertEquals(4, r.findings().get(0).location().length());
        assertEquals(KafkaReadOutcome.FAILS_IO, r.model().kafkaRead());
    }

    @Test
    void nulInsideATopicNameIsAcceptedByKafkaForAWrongTopic() {
        byte[] b = "0\n1\norders 0 5\n".getBytes(StandardCharsets.UTF_8);
        b[4] = 0;
        Parsed<OffsetCheckpoint> p = offsets(b);
        assertEquals(List.of(CheckpointCodes.NULL_IN_TOPIC), codes(p));
        assertEquals(4, p.findings().get(0).location().offset());
        assertEquals(KafkaReadOutcome.READS, p.model().kafkaRead());
        assertEquals(KafkaReadOutcome.READS, KafkaCheckpointReader.offsets(b).outcome());
    }

    @Test
    void truncatedLastLine() {
        Parsed<OffsetCheckpoint> cutInValue = offsets("0\n1\norders 0 3627");
        assertEquals(List.of(CheckpointCodes.TRUNCATED), codes(cutInValue));
        assertEquals(KafkaReadOutcome.READS, cutInValue.model().kafkaRead(), "Kafka silently reads the cut value");

        Parsed<OffsetCheckpoint> cutInLine = offsets("0\n1\norders 0");
        assertEquals(List.of(CheckpointCodes.MALFORMED_LINE, CheckpointCodes.TRUNCATED), codes(cutInLine));
    }

    @Test
    void invalidUtf8() {
        byte[] b = "0\n1\norders 0 1\n".getBytes(StandardCharsets.UTF_8);
        b[5] = (byte) 0xC3;
        Parsed<OffsetCheckpoint> p = offsets(b);
        assertEquals(CheckpointCodes.INVALID_UTF8, p.findings().get(0).code());
        assertEquals(5, p.findings().get(0).location().offset());
        assertEquals(KafkaReadOutcome.FAILS_IO, p.model().kafkaRead());
    }

    @Test
    void duplicatesAreWarned() {
        Parsed<OffsetCheckpoint> p = offsets("0\n2\norders 0 1\norders 0 2\n");
        assertEquals(List.of(CheckpointCodes.DUPLICATE_ENTRY), codes(p));
        assertEquals(KafkaReadOutcome.READS, p.model().kafkaRead());
    }

    @Test
    void leaderEpochValues() {
        Parsed<LeaderEpochCheckpoint> real = epochs("0\n2\n1 0\n2 236\n", CheckpointKind.METADATA_LEADER_EPOCH);
        assertEquals(List.of(), real.findings());
        assertEquals(List.of(new EpochEntry(1, 0), new EpochEntry(2, 236)), real.model().entries());
        assertEquals(2, real.model().latestEpoch());

        Parsed<LeaderEpochCheckpoint> negative = epochs("0\n1\n-1 0\n", CheckpointKind.LEADER_EPOCH);
        assertEquals(List.of(CheckpointCodes.LEC_NEGATIVE_ENTRY), codes(negative));
        assertEquals(4, negative.findings().get(0).location().offset());
        assertEquals(KafkaReaction.STARTUP_FATAL, negative.findings().get(0).reaction());
        assertEquals(KafkaReadOutcome.READS, negative.model().kafkaRead(), "the reader accepts it; the cache does not");

        Parsed<LeaderEpochCheckpoint> nonMono = epochs("0\n2\n0 0\n1 0\n", CheckpointKind.LEADER_EPOCH);
        assertEquals(List.of(CheckpointCodes.LEC_NON_MONOTONIC), codes(nonMono));
        assertEquals(Severity.WARN, nonMono.findings().get(0).severity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483647", "1000000000", "-2147483648", "-1", "99999999999"})
    void hostileCountsDoNotAllocate(String count) {
        long t0 = System.nanoTime();
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        Parsed<OffsetCheckpoint> p = offsets("0\n" + count + "\norders 0 1\n");
        Parsed<LeaderEpochCheckpoint> e = epochs("0\n" + count + "\n1 0\n", CheckpointKind.LEADER_EPOCH);
        long used = (rt.totalMemory() - rt.freeMemory()) - before;
        assertTrue(System.nanoTime() - t0 < 500_000_000L, "took too long");
        assertTrue(used < 64L << 20, "allocated " + used);
        assertFalse(p.findings().isEmpty());
        assertTrue(p.findings().size() <= 3);
        assertTrue(e.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR));
    }

    @Test
    void findingsAreCappedWithASummary() {
        StringBuilder sb = new StringBuilder("0\n1000\n");
        for (int i = 0; i < 1000; i++) sb.append("orders ").append(i).append('\n');
        Parsed<OffsetCheckpoint> p = offsets(sb.toString());
        assertEquals(CheckpointParser.MAX_FINDINGS + 1, p.findings().size());
        Finding last = p.findings().get(p.findings().size() - 1);
        assertEquals(CheckpointCodes.MORE_FINDINGS, last.code());
        assertTrue(last.message().startsWith("950 more"));
    }

    @Test
    void writerBytes() {
        assertEquals("0\n0\n", new String(CheckpointWriter.writeOffsets(List.of())));
        assertEquals("0\n2\norders 0 36276\nb 3 0\n", new String(CheckpointWriter.writeOffsets(
                List.of(new OffsetEntry("orders", 0, 36276), new OffsetEntry("b", 3, 0)))));
        assertEquals("0\n2\n1 0\n2 236\n", new String(CheckpointWriter.writeEpochs(
                List.of(new EpochEntry(1, 0), new EpochEntry(2, 236)))));
    }

    @Test
    void kindFromPath() {
        assertEquals(CheckpointKind.METADATA_LEADER_EPOCH, CheckpointKind.ofPath(LEC));
        assertEquals(CheckpointKind.LEADER_EPOCH, CheckpointKind.ofPath("orders-0/leader-epoch-checkpoint"));
        assertEquals(CheckpointKind.CLEANER_OFFSET, CheckpointKind.ofPath("cleaner-offset-checkpoint"));
        assertNull(CheckpointKind.ofPath("meta.properties"));
    }
}
