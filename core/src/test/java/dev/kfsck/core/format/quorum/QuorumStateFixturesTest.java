package dev.kfsck.core.format.quorum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.format.checkpoint.FixtureFiles;
import org.apache.kafka.raft.ReplicaKey;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every quorum-state written by a real broker in the fixtures. */
class QuorumStateFixturesTest {

    @Test
    void everyQuorumStateReadsLikeKafka() throws Exception {
        assumeTrue(FixtureFiles.present(), "no fixtures");
        List<FixtureFiles.FixtureFile> files = FixtureFiles.find(n -> n.equals("quorum-state"));
        assertFalse(files.isEmpty());
        for (FixtureFiles.FixtureFile f : files) {
            byte[] bytes = f.bytes();
            Parsed<QuorumState> p = QuorumStateParser.parse(f.relative(), bytes);
            assertTrue(p.findings().stream().noneMatch(x -> x.severity() == Severity.ERROR), f + ": " + p.findings());
            QuorumState s = p.model();
            KafkaQuorumReader.Outcome k = KafkaQuorumReader.read(bytes);
            assertFalse(k.failed());
            assertEquals(k.state().epoch(), s.leaderEpoch(), f.toString());
            assertEquals(k.state().leaderIdOrSentinel(), s.leaderId(), f.toString());
            assertEquals(k.state().optionalVotedKey().map(ReplicaKey::id).orElse(-1), s.votedId(), f.toString());
            assertArrayEquals(bytes, QuorumStateWriter.write(s), f + " is written byte for byte by our writer");

            JsonNode manifest = manifestOf(f.path());
            if (manifest != null) {
                assertEquals(manifest.path("kraftVersion").asInt(), s.dataVersion(), f.toString());
            }
        }
    }

    static JsonNode manifestOf(Path file) throws Exception {
        for (Path d = file.getParent(); d != null; d = d.getParent()) {
            Path m = d.resolve("manifest.json");
            if (Files.exists(m)) return new ObjectMapper().readTree(m.toFile());
        }
        return null;
    }
}
