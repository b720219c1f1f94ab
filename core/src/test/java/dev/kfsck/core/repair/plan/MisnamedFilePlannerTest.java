package dev.kfsck.core.repair.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LAYOUT-BAD-FILE-NAME: the misnamed file is moved out whole, never deleted, whether Kafka would stop on it or
 * complete an empty swap in its place.
 */
class MisnamedFilePlannerTest {

    @TempDir
    Path tmp;

    @Test
    void aMisnamedTimeIndexCopyIsMovedOutWithItsContent() throws Exception {
        MovedOutWhole m = MovedOutWhole.afterRepair(tmp, "orders-1/00000000000000000000.timeindex", "orders-1/old.timeindex",
                "LAYOUT-BAD-FILE-NAME");
        assertTrue(m.step().recordsLost().isEmpty(), "an index holds no record");
    }

    /** An unpadded swap beside its segment: moved out, so that Kafka neither replaces the segment nor loses the swap. */
    @Test
    void anUnpaddedSegmentSwapIsMovedOutAndTheSegmentKept() throws Exception {
        MovedOutWhole m = MovedOutWhole.afterRepair(tmp, "orders-0/00000000000000000202.log", "orders-0/202.log.swap",
                "LAYOUT-BAD-FILE-NAME");
        assertTrue(m.outcome().plan().recordsLost().isEmpty(), "no record Kafka would serve is given up: " + m.outcome().plan().recordsLost());
        assertArrayEquals(Files.readAllBytes(m.move().destination()), Files.readAllBytes(m.dir().resolve("orders-0/00000000000000000202.log")),
                "the swap's bytes are kept outside, and the segment is untouched");
    }
}
