package dev.kfsck.core.format.quorum;

import dev.kfsck.core.finding.Parsed;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.raft.ElectionState;
import org.apache.kafka.raft.FileQuorumStateStore;
import org.apache.kafka.raft.ReplicaKey;
import org.apache.kafka.server.common.KRaftVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/** Files written by Kafka's FileQuorumStateStore, read by our parser, and the other way round. */
class QuorumStateKafkaDifferentialTest {

    @TempDir
    Path dir;

    static List<ElectionState> states() {
        Uuid dirId = Uuid.fromString("X_4C-EiEUO2zeaVsFYbtjg");
        return List.of(
                ElectionState.withUnknownLeader(0, Set.of()),
                ElectionState.withUnknownLeader(7, Set.of(1, 2, 3)),
                ElectionState.withElectedLeader(1, 1, Optional.empty(), Set.of(1)),
                ElectionState.withElectedLeader(9, 2, Optional.of(ReplicaKey.of(2, dirId)), Set.of(1, 2, 3)),
                ElectionState.withVotedCandidate(4, ReplicaKey.of(3, dirId), Set.of(1, 3)),
                ElectionState.withVotedCandidate(Integer.MAX_VALUE, ReplicaKey.of(1, ReplicaKey.NO_DIRECTORY_ID), Set.of(1)));
    }

    @Test
    void kafkaWrittenFilesParseToTheSameValues() throws Exception {
        for (KRaftVersion kv : List.of(KRaftVersion.KRAFT_VERSION_0, KRaftVersion.KRAFT_VERSION_1)) {
            for (ElectionState es : states()) {
                Path file = dir.resolve("quorum-state");
                new FileQuorumStateStore(file.toFile()).writeElectionState(es, kv);
                byte[] bytes = Files.readAllBytes(file);
                Parsed<QuorumState> p = QuorumStateParser.parse("quorum-state", bytes);
                assertEquals(List.of(), p.findings(), new String(bytes));
                QuorumState s = p.model();
                assertEquals(kv.quorumStateVersion(), s.dataVersion());
                assertEquals(es.epoch(), s.leaderEpoch());
                assertEquals(es.leaderIdOrSentinel(), s.leaderId());
                assertEquals(es.optionalVotedKey().map(ReplicaKey::id).orElse(-1), s.votedId());
                if (kv == KRaftVersion.KRAFT_VERSION_0) {
                    assertEquals("", s.clusterId());
                    assertEquals(new TreeSet<>(es.toQuorumStateData((short) 0).currentVoters().stream()
                            .map(v -> v.voterId()).toList()), new TreeSet<>(s.currentVoters()));
                    assertNull(s.votedDirectoryId());
                } else {
                    assertEquals(es.optionalVotedKey().flatMap(ReplicaKey::directoryId)
                            .orElse(ReplicaKey.NO_DIRECTORY_ID).toString(), s.votedDirectoryId());
                    assertNull(s.currentVoters());
                }
                // and our writer gives the very same bytes for what we read
                assertArrayEquals(bytes, QuorumStateWriter.write(s), new String(bytes));
            }
        }
    }

    @Test
    void kafkaReadsWhatOurWriterWrites() {
        Uuid dirId = Uuid.fromString("J8aAPcfLQt2bqs1JT_rMgQ");
        List<QuorumState> ours = List.of(
                QuorumState.v0(1, 1, -1, List.of(1)),
                QuorumState.v0(-1, 3, 2, List.of(1, 2, 3)),
                QuorumState.v1(-1, 2, 1, dirId.toString()),
                QuorumState.v1(3, 8, 3, null));
        for (QuorumState s : ours) {
            KafkaQuorumReader.Outcome k = KafkaQuorumReader.read(QuorumStateWriter.write(s));
            assertFalse(k.failed(), () -> String.valueOf(k.failure()));
            assertEquals(s.leaderEpoch(), k.state().epoch());
            assertEquals(s.leaderId(), k.state().leaderIdOrSentinel());
            assertEquals(s.votedId(), k.state().optionalVotedKey().map(ReplicaKey::id).orElse(-1));
            if (s.dataVersion() == 1 && s.hasVoted()) {
                assertEquals(Uuid.fromString(s.votedDirectoryId()),
                        k.state().optionalVotedKey().flatMap(ReplicaKey::directoryId).orElse(ReplicaKey.NO_DIRECTORY_ID));
            }
        }
    }
}
