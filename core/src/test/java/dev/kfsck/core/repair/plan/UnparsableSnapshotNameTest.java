package dev.kfsck.core.repair.plan;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A .checkpoint file in the metadata dir whose name Kafka cannot parse is moved out whole, never deleted. */
class UnparsableSnapshotNameTest {

    @TempDir
    Path tmp;

    @Test
    void aBackupCopyUnderAnUnparsableNameIsMovedOutWithItsContent() throws Exception {
        MovedOutWhole.afterRepair(tmp, "__cluster_metadata-0/00000000000000000153-0000000001.checkpoint",
                "__cluster_metadata-0/backup-153.checkpoint", "SNAP-NAME-UNPARSABLE");
    }
}
