package dev.kfsck.core.format.quorum;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class QuorumStateParserTest {

    static final String F = "__cluster_metadata-0/quorum-state";
    static final String REAL_V0 = "{\"clusterId\":\"\",\"leaderId\":1,\"leaderEpoch\":1,\"votedId\":-1,\"appliedOffset\":0,"
            + "\"currentVoters\":[{\"voterId\":1}],\"data_version\":0}";
    static final String REAL_V1 = "{\"leaderId\":1,\"leaderEpoch\":5,\"votedId\":-1,"
            + "\"votedDirectoryId\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"data_version\":1}";

    static Parsed<QuorumState> parse(String s) {
        return QuorumStateParser.parse(F, s.getBytes(StandardCharsets.UTF_8));
    }

    static Parsed<QuorumState> parse(byte[] b) {
        return QuorumStateParser.parse(F, b);
    }

    static List<FindingCode> codes(Parsed<?> p) {
        return p.findings().stream().map(Finding::code).toList();
    }

    @Test
    void realV0FileReadsCleanWithTheBrokersValues() {
        Parsed<QuorumState> p = parse(REAL_V0);
        assertEquals(List.of(), p.findings());
        QuorumState s = p.model();
        assertEquals(new QuorumState(0, "", 1, 1, -1, null, 0, List.of(1)), s);
        assertTrue(s.hasLeader());
        assertFalse(s.hasVoted());
    }

    @Test
    void realV1FileReadsClean() {
        Parsed<QuorumState> p = parse(REAL_V1);
        assertEquals(List.of(), p.findings());
        assertEquals(new QuorumState(1, null, 1, 5, -1, "AAAAAAAAAAAAAAAAAAAAAA", 0, null), p.model());
    }

    @Test
    void emptyFileIsFatal() {
        Parsed<QuorumState> p = parse(new byte[0]);
        assertEquals(List.of(QuorumCodes.EMPTY), codes(p));
        assertEquals(KafkaReaction.STARTUP_FATAL, p.findings().get(0).reaction());
        assertNull(p.model());
    }

    @Test
    void nullFilledFileIsOneFindingOverTheWholeFile() {
        Parsed<QuorumState> p = parse(new byte[125]);
        assertEquals(List.of(QuorumCodes.NULL_BYTES), codes(p));
        Finding f = p.findings().get(0);
        assertEquals(0, f.location().offset());
        assertEquals(125, f.location().length());
        assertTrue(f.evidence().seen().startsWith("00 00"));
        assertEquals(Severity.ERROR, f.severity());
    }

    @Test
    void leadingNulsAreFatalAndMeasured() {
        byte[] json = REAL_V0.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[7 + json.length];
        System.arraycopy(json, 0, b, 7, json.length);
        Parsed<QuorumState> p = parse(b);
        assertEquals(List.of(QuorumCodes.NULL_BYTES), codes(p));
        assertEquals(7, p.findings().get(0).location().length());
    }

    @Test
    void trailingNulsAndGarbageAreToleratedAndReportedAsInfo() {
        byte[] json = REAL_V0.getBytes(StandardCharsets.UTF_8);
        byte[] b = Arrays.copyOf(json, json.length + 64);
        Parsed<QuorumState> p = parse(b);
        assertEquals(List.of(QuorumCodes.TRAILING_DATA), codes(p));
        Finding f = p.findings().get(0);
        assertEquals(Severity.INFO, f.severity());
        assertEquals(json.length, f.location().offset());
        assertEquals(64, f.location().length());
        assertNotNull(p.model());

        Parsed<QuorumState> g = parse(REAL_V0 + "\ngarbage\0\0");
        assertEquals(List.of(QuorumCodes.TRAILING_DATA), codes(g));
        assertEquals(1, g.model().leaderEpoch());
    }

    @Test
    void invalidUtf8InTheFirstBlockIsFatalEvenAfterTheFirstLine() {
        byte[] json = (REAL_V0 + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] b = Arrays.copyOf(json, json.length + 2);
        b[json.length] = (byte) 0xff;
        b[json.length + 1] = 'x';
        Parsed<QuorumState> p = parse(b);
        assertEquals(List.of(QuorumCodes.INVALID_UTF8), codes(p));
        assertEquals(json.length, p.findings().get(0).location().offset());
        assertTrue(KafkaQuorumReader.read(b).failed(), "Kafka fails on it too");
    }

    @Test
    void badJsonIsFatal() {
        assertEquals(List.of(QuorumCodes.BAD_JSON), codes(parse("{\"leaderId\":1,")));
        assertEquals(List.of(QuorumCodes.NOT_OBJECT), codes(parse("[1,2]")));
        assertEquals(List.of(QuorumCodes.NOT_OBJECT), codes(parse("\n" + REAL_V0)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"leaderId\":1,\"leaderEpoch\":1,\"votedId\":-1,\"appliedOffset\":0,\"currentVoters\":[],\"data_version\":0}|clusterId",
            "{\"clusterId\":\"\",\"leaderId\":1,\"leaderEpoch\":1,\"votedId\":-1,\"currentVoters\":[],\"data_version\":0}|appliedOffset",
            "{\"clusterId\":\"\",\"leaderId\":1,\"leaderEpoch\":1,\"votedId\":-1,\"appliedOffset\":0,\"data_version\":0}|currentVoters",
            "{\"leaderId\":1,\"leaderEpoch\":5,\"votedId\":-1,\"data_version\":1}|votedDirectoryId",
            "{\"leaderId\":1,\"votedId\":-1,\"votedDirectoryId\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"data_version\":1}|leaderEpoch",
    })
    void mandatoryFieldsPerVersion(String json, String field) {
        Parsed<QuorumState> p = parse(json);
        assertEquals(List.of(QuorumCodes.MISSING_FIELD), codes(p));
        assertTrue(p.findings().get(0).message().contains("'" + field + "'"));
        assertTrue(KafkaQuorumReader.read(json.getBytes(StandardCharsets.UTF_8)).failed());
    }

    @Test
    void dataVersionMissingOrOutOfRange() {
        assertEquals(List.of(QuorumCodes.NO_DATA_VERSION), codes(parse("{\"leaderId\":1}")));
        assertEquals(List.of(QuorumCodes.UNSUPPORTED_VERSION), codes(parse(REAL_V0.replace("\"data_version\":0", "\"data_version\":2"))));
        assertEquals(List.of(QuorumCodes.UNSUPPORTED_VERSION), codes(parse(REAL_V0.replace("\"data_version\":0", "\"data_version\":-1"))));
    }

    @Test
    void aQuotedDataVersionIsReadAsZeroLikeKafka() {
        Parsed<QuorumState> p = parse(REAL_V1.replace("\"data_version\":1", "\"data_version\":\"1\""));
        // Kafka's JsonNode.shortValue() of a text node is 0, so the v1 file is read as v0 and misses v0 fields.
        assertTrue(codes(p).contains(QuorumCodes.ODD_DATA_VERSION));
        assertTrue(codes(p).contains(QuorumCodes.MISSING_FIELD));
        assertTrue(KafkaQuorumReader.read(REAL_V1.replace("\"data_version\":1", "\"data_version\":\"1\"")
                .getBytes(StandardCharsets.UTF_8)).failed());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"\"leaderEpoch\":\"1\"", "\"leaderEpoch\":1.0", "\"leaderEpoch\":4294967296",
            "\"leaderEpoch\":true", "\"leaderEpoch\":null"})
    void numbersKafkaRejects(String field) {
        String json = REAL_V0.replace("\"leaderEpoch\":1", field);
        Parsed<QuorumState> p = parse(json);
        assertEquals(List.of(QuorumCodes.BAD_FIELD), codes(p));
        assertTrue(KafkaQuorumReader.read(json.getBytes(StandardCharsets.UTF_8)).failed());
    }

    @Test
    void emptyClusterIdAndLeaderWithVoteAreNormal() {
        Parsed<QuorumState> p = parse(REAL_V0.replace("\"votedId\":-1", "\"votedId\":1"));
        assertEquals(List.of(), p.findings());
        assertTrue(p.model().hasLeader() && p.model().hasVoted());
        assertEquals("", p.model().clusterId());
    }

    @Test
    void badVotedDirectoryIdIsFatal() {
        Parsed<QuorumState> p = parse(REAL_V1.replace("AAAAAAAAAAAAAAAAAAAAAA", "not-a-uuid"));
        assertEquals(List.of(QuorumCodes.BAD_DIRECTORY_ID), codes(p));
    }

    @Test
    void nullVotersAndVotersInV1AreFatal() {
        assertEquals(List.of(QuorumCodes.NULL_VOTERS), codes(parse(REAL_V0.replace("[{\"voterId\":1}]", "null"))));
        String v1 = REAL_V1.replace("\"data_version\"", "\"currentVoters\":[{\"voterId\":1}],\"data_version\"");
        assertEquals(List.of(QuorumCodes.VOTERS_IN_V1), codes(parse(v1)));
        assertTrue(KafkaQuorumReader.read(v1.getBytes(StandardCharsets.UTF_8)).failed());
    }

    @Test
    void unknownKeysAreInfo() {
        Parsed<QuorumState> p = parse(REAL_V0.replace("{", "{\"extra\":7,"));
        assertEquals(List.of(QuorumCodes.UNKNOWN_FIELD), codes(p));
        assertNotNull(p.model());
    }

    @Test
    void aFirstLineBeyondTheLimitIsNotParsed() {
        byte[] b = new byte[QuorumStateParser.MAX_BYTES + 10];
        Arrays.fill(b, (byte) ' ');
        b[0] = '{';
        long t0 = System.nanoTime();
        Parsed<QuorumState> p = parse(b);
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
        assertEquals(List.of(QuorumCodes.TOO_LARGE), codes(p));
    }

    @Test
    void writerProducesTheBrokersBytes() {
        assertEquals(REAL_V0, QuorumStateWriter.toJson(QuorumState.v0(1, 1, -1, List.of(1))));
        assertEquals(REAL_V1, QuorumStateWriter.toJson(QuorumState.v1(1, 5, -1, null)));
        assertThrows(IllegalArgumentException.class,
                () -> QuorumStateWriter.write(new QuorumState(2, null, 1, 1, -1, null, 0, null)));
    }
}
