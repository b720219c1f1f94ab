package dev.kfsck.core.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kfsck.core.finding.KafkaReaction.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecoveryModelTest {

    private static final List<Long> BASES = List.of(0L, 100L, 200L);

    @Test
    void uncleanStopRecoversFromTheSegmentHoldingTheRecoveryPoint() {
        RecoveryModel m = new RecoveryModel(false, false, 150, BASES);
        assertFalse(m.recovers(0));
        assertTrue(m.recovers(100));
        assertTrue(m.recovers(200));
        assertEquals(SERVES_CORRUPT, m.reactionTo(Damage.CORRUPT_BATCH, 0));
        assertEquals(TRUNCATES_ON_RECOVERY, m.reactionTo(Damage.CORRUPT_BATCH, 100));
        assertEquals(WRONG_LOOKUPS, m.reactionTo(Damage.BAD_INDEX, 0));
        assertEquals(REBUILDS_ON_STARTUP, m.reactionTo(Damage.BAD_INDEX, 200));
        assertEquals(SERVES_CORRUPT, m.reactionTo(Damage.LOST_ABORT, 0), "the lost abort reaches read_committed consumers");
        assertEquals(REBUILDS_ON_STARTUP, m.reactionTo(Damage.LOST_ABORT, 100), "recovery rebuilds the transaction index");
    }

    @Test
    void recoveryPointBeyondTheEndStillRecoversTheActiveSegment() {
        RecoveryModel m = new RecoveryModel(false, false, 99_999_999, BASES);
        assertTrue(m.recovers(200));
        assertFalse(m.recovers(100));
    }

    @Test
    void cleanShutdownRecoversNothingAndAZeroTailInTheActiveSegmentIsFatal() {
        RecoveryModel m = new RecoveryModel(false, true, 0, BASES);
        assertFalse(m.recovers(200));
        assertEquals(SERVES_CORRUPT, m.reactionTo(Damage.CORRUPT_BATCH, 200));
        assertEquals(STARTUP_FATAL, m.reactionTo(Damage.ZERO_TAIL, 200));
        assertEquals(WRONG_LOOKUPS, m.reactionTo(Damage.BAD_INDEX, 200));
        assertEquals(SERVES_CORRUPT, m.reactionTo(Damage.LOST_ABORT, 200), "not even the active segment's index is rebuilt");
    }

    @Test
    void theMetadataLogIsRecoveredWholeEvenAfterACleanShutdown() {
        RecoveryModel m = new RecoveryModel(true, true, 500, BASES);
        assertTrue(m.recovers(0));
        assertEquals(TRUNCATES_ON_RECOVERY, m.reactionTo(Damage.CORRUPT_BATCH, 0));
    }
}
