package dev.kfsck.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.testdata.broker.BrokerHarness;
import dev.kfsck.testdata.broker.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real 4.3.1 broker on copies of the fixtures: untouched ones serve, a broken checkpoint takes the dir offline. */
class BrokerHarnessTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void untouchedKillFixtureStartsAndServesTheManifestsEndOffsets(@TempDir Path tmp) throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-kill");
        Path copy = Fixtures.copy("single-4.3-kill", tmp);
        try (BrokerHarness h = BrokerHarness.start(m, copy)) {
            Outcome o = h.awaitOutcome(START_TIMEOUT);
            assertEquals(Outcome.Status.STARTED, o.status(), () -> o + "\n" + h.log(1));
            assertEquals(BrokerHarness.expectedEndOffsets(m), h.endOffsets());
            assertEquals(m.firstNode().nodeId(), h.quorum().leaderId());
        }
    }

    @Test
    void nullFilledReplicationCheckpointTakesTheLogDirOffline(@TempDir Path tmp) throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-kill");
        Path copy = Fixtures.copy("single-4.3-kill", tmp);
        Path ckpt = copy.resolve(m.firstNode().logDir()).resolve("replication-offset-checkpoint");
        Files.write(ckpt, new byte[(int) Files.size(ckpt)]);
        try (BrokerHarness h = BrokerHarness.start(m, copy)) {
            Outcome o = h.awaitOutcome(START_TIMEOUT);
            assertEquals(Outcome.Status.LOG_DIR_OFFLINE, o.status(), () -> o + "\n" + h.log(1));
            assertTrue(o.line().orElse("").contains("all log dirs"), o::toString);
            assertTrue(o.exitCode().isPresent(), "the broker halts: " + o);
        }
    }

    @Test
    void threeNodeQuorumFormsAQuorumWithALeader(@TempDir Path tmp) throws Exception {
        Manifest m = Fixtures.manifest("quorum3-4.3");
        Path copy = Fixtures.copy("quorum3-4.3", tmp);
        try (BrokerHarness h = BrokerHarness.start(m, copy)) {
            Outcome o = h.awaitOutcome(Duration.ofSeconds(90));
            assertEquals(Outcome.Status.STARTED, o.status(), o::toString);
            Manifest.Quorum q = h.quorum();
            assertTrue(m.quorum().voters().contains(q.leaderId()), q::toString);
            assertEquals(List.of(0, 1, 2), q.voters());
            assertTrue(q.leaderEpoch() >= m.quorum().leaderEpoch());
            assertEquals(BrokerHarness.expectedEndOffsets(m), h.endOffsets());
        }
    }

    @Test
    void dynamicQuorumNodeRestartsOnItsRecordedVoterSet(@TempDir Path tmp) throws Exception {
        Manifest m = Fixtures.manifest("dynamic-4.3");
        Path copy = Fixtures.copy("dynamic-4.3", tmp);
        try (BrokerHarness h = BrokerHarness.start(m, copy)) {
            Outcome o = h.awaitOutcome(START_TIMEOUT);
            assertEquals(Outcome.Status.STARTED, o.status(), () -> o + "\n" + h.log(1));
            assertEquals(1, h.quorum().leaderId());
            assertEquals(BrokerHarness.expectedEndOffsets(m), h.endOffsets());
        }
    }
}
