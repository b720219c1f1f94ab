package dev.kfsck.core.repair.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.io.Sha256;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.Undo;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import dev.kfsck.testdata.corrupt.Corruption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a planned repair of every kind of action, undo puts back every file of the log dir byte for byte. */
class UndoAfterRepairTest {

    @TempDir
    Path tmp;

    /** Every file and folder of the tree: its SHA-256 (files) and POSIX mode. */
    static SortedMap<String, String> tree(Path dir) throws Exception {
        SortedMap<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                out.put(dir.relativize(p).toString(), (Files.isRegularFile(p) ? Sha256.of(p) + " " : "dir ") + mode);
            }
        }
        return out;
    }

    @Test
    void undoRestoresEveryByte() throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-clean");
        Path dir = Fixtures.copy("single-4.3-clean", tmp.resolve("c")).resolve(m.firstNode().logDir());
        Corruption.SEG_CRC_FLIP_MIDDLE.apply(dir);
        Corruption.REPL_CKPT_NULL_FILL.apply(dir);
        Corruption.PM_NULL_FILL.apply(dir);
        Corruption.SNAPSHOT_CRC_FLIP.apply(dir);
        SortedMap<String, String> before = tree(dir);

        ApplyAndVerify.Outcome o = ApplyAndVerify.run(List.of(dir),
                RepairOptions.defaults(tmp.resolve("outside")).withPolicy(LossPolicy.TRUNCATE), tmp.resolve("backup"));
        assertTrue(o.applied().applied(), o.applied().failure());
        for (RepairAction.Kind k : RepairAction.Kind.values()) {
            assertTrue(o.plan().steps().stream().anyMatch(s -> s.action().kind() == k), "the plan exercises " + k);
        }
        assertTrue(Files.notExists(dir.resolve(".kafka_cleanshutdown")), "the marker goes so that Kafka recovers");
        assertNotEquals(before, tree(dir));

        assertTrue(Undo.apply(o.applied().journalFile()).undone());
        assertEquals(before, tree(dir));
    }
}
