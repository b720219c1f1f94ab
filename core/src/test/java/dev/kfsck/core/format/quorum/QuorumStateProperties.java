package dev.kfsck.core.format.quorum;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Parsed;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.raft.ReplicaKey;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Oracle properties: Kafka's own reader decides, our parser must agree. */
class QuorumStateProperties {

    static final byte[] V0 = QuorumStateParserTest.REAL_V0.getBytes(StandardCharsets.UTF_8);
    static final byte[] V1 = QuorumStateParserTest.REAL_V1.getBytes(StandardCharsets.UTF_8);

    @Property
    void arbitraryBytes(@ForAll @Size(max = 300) byte[] bytes) {
        check(bytes);
    }

    @Property
    void jsonLikeText(@ForAll("jsonish") String text) {
        check(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void mutationsOfValidFiles(@ForAll("mutated") byte[] bytes) {
        check(bytes);
    }

    @Property
    void roundTrip(@ForAll("states") QuorumState s) {
        byte[] bytes = QuorumStateWriter.write(s);
        Parsed<QuorumState> p = QuorumStateParser.parse("quorum-state", bytes);
        assertEquals(List.of(), p.findings());
        assertEquals(s, p.model());
        KafkaQuorumReader.Outcome k = KafkaQuorumReader.read(bytes);
        assertFalse(k.failed(), () -> String.valueOf(k.failure()));
        assertEquals(s.leaderEpoch(), k.state().epoch());
        assertEquals(s.leaderId(), k.state().leaderIdOrSentinel());
        assertEquals(s.votedId(), k.state().optionalVotedKey().map(ReplicaKey::id).orElse(-1));
    }

    static void check(byte[] bytes) {
        long t0 = System.nanoTime();
        Parsed<QuorumState> p = QuorumStateParser.parse("quorum-state", bytes);
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "parse took too long");
        for (Finding f : p.findings()) {
            assertTrue(f.location().offset() < Math.max(1, bytes.length), f.toString());
            assertTrue(f.location().offset() < 0 || f.location().offset() + Math.max(0, f.location().length()) <= bytes.length,
                    f.toString());
        }
        KafkaQuorumReader.Outcome k = KafkaQuorumReader.read(bytes);
        assertEquals(k.failed(), p.hasErrors(), () -> "Kafka: " + k.failure() + " / ours: " + p.findings()
                + " / bytes: " + Arrays.toString(bytes));
        if (!k.failed()) {
            QuorumState s = p.model();
            assertEquals(k.state().epoch(), s.leaderEpoch());
            assertEquals(k.state().leaderIdOrSentinel(), s.leaderId());
            assertEquals(k.state().optionalVotedKey().map(ReplicaKey::id).orElse(-1), s.votedId());
            if (s.votedDirectoryId() != null && s.hasVoted()) {
                assertEquals(Uuid.fromString(s.votedDirectoryId()),
                        k.state().optionalVotedKey().flatMap(ReplicaKey::directoryId).orElse(ReplicaKey.NO_DIRECTORY_ID));
            }
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> key = Arbitraries.of("clusterId", "leaderId", "leaderEpoch", "votedId", "votedDirectoryId",
                "appliedOffset", "currentVoters", "data_version", "x");
        Arbitrary<String> value = Arbitraries.of("0", "1", "-1", "2", "\"1\"", "\"\"", "null", "1.0", "true", "[]",
                "[{\"voterId\":1}]", "[{\"voterId\":\"1\"}]", "[1]", "\"AAAAAAAAAAAAAAAAAAAAAA\"", "\"X_4C-EiEUO2zeaVsFYbtjg\"",
                "\"abc\"", "4294967296", "9223372036854775808", "{}", "0x10");
        Arbitrary<String> pair = Combinators.combine(key, value).as((k, v) -> "\"" + k + "\":" + v);
        Arbitrary<String> tail = Arbitraries.of("", "\n", "\ngarbage", "\0\0\0", " ", "}", "\r\n{", "\n\u00ff");
        return Combinators.combine(pair.list().ofMaxSize(9), tail)
                .as((pairs, t) -> "{" + String.join(",", pairs) + "}" + t);
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        Arbitrary<byte[]> base = Arbitraries.of(V0, V1);
        return Combinators.combine(base, Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(1, 64), Arbitraries.integers().between(0, 7)).as((b, kind, pos, len, bit) -> {
            byte[] c = b.clone();
            int at = pos % c.length;
            switch (kind) {
                case 0 -> c[at] ^= (byte) (1 << bit);
                case 1 -> c = Arrays.copyOf(c, at);
                case 2 -> Arrays.fill(c, at, Math.min(c.length, at + len), (byte) 0);
                case 3 -> {
                    c = Arrays.copyOf(c, c.length + len);
                }
                default -> c[at] = (byte) (0x80 | bit << 3);
            }
            return c;
        });
    }

    @Provide
    Arbitrary<QuorumState> states() {
        Arbitrary<Integer> id = Arbitraries.integers().between(-1, 1000);
        Arbitrary<Integer> epoch = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<QuorumState> v0 = Combinators.combine(id, epoch, id, id.list().ofMaxSize(5))
                .as(QuorumState::v0);
        Arbitrary<QuorumState> v1 = Combinators.combine(id, epoch, id, Arbitraries.longs(), Arbitraries.longs())
                .as((l, e, v, hi, lo) -> QuorumState.v1(l, e, v, new Uuid(hi, lo).toString()));
        return Arbitraries.oneOf(v0, v1);
    }
}
