package dev.kfsck.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.testdata.broker.BrokerHarness;
import dev.kfsck.testdata.broker.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
            assertTrue(o.line().isPresent());
        }
    }
}
