package dev.kfsck.core.repair.plan.trips;

import dev.kfsck.testdata.corrupt.Corruption;
import dev.kfsck.testdata.corrupt.Damage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint rebuild for a partition whose log start lies past its files takes the log end from the segments
 * (not the inflated end at that log start) and the real broker serves every record with the result. The codes belong to
 * {@link CheckpointFamily}; this trip only proves the planner fix with a real broker
 * ({@code CheckpointsFollowTheLogEndTest} shows the values themselves).
 */
class CheckpointLogEndBrokerTest {

    @TempDir
    Path tmp;

    @Test
    void highWatermarksRebuiltBesideALogStartPastTheFiles() throws Exception {
        RepairableCodeBrokerTest trip = new RepairableCodeBrokerTest();
        trip.tmp = tmp;
        trip.repairedDirServesEveryRecordThePlanKept(BrokerTrip.of("log start past the files, high watermarks lost", "single-4.3-kill",
                CodeCase.of("XFILE-LOG-START-BEYOND-LOG-END", Corruption.LSO_BEYOND_END::apply),
                CodeCase.of("CKPT-NULL-BYTES", d -> Damage.nullFillFile(d, "replication-offset-checkpoint"))));
    }
}
