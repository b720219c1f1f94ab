package dev.kfsck.core.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kfsck.core.io.LockProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repair and its undo on a copy of a log dir a real Kafka 4.3.1 broker left behind when it was killed. */
class RepairOnFixtureTest {

    static final Path FIXTURE = Path.of("../testdata/fixtures/single-4.3-kill/node-1/data");

    @TempDir
    Path tmp;

    @Test
    void applyAndUndoOnARealKilledBrokersLogDir() throws Exception {
        assumeTrue(Files.isDirectory(FIXTURE), "fixture single-4.3-kill not present");
        Path logDir = tmp.resolve("data");
        try (Stream<Path> s = Files.walk(FIXTURE)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.copy(p, logDir.resolve(FIXTURE.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        assertTrue(Files.exists(logDir.resolve(".lock")), "SIGKILL left .lock behind");
        assertEquals(LockProbe.State.NOT_HELD, LockProbe.probe(logDir).state());
        SortedMap<String, String> before = LogDirFixture.tree(logDir);

        Path segment;
        try (Stream<Path> s = Files.list(logDir.resolve("orders-0"))) {
            segment = s.filter(p -> p.toString().endsWith(".log")).sorted().findFirst().orElseThrow();
        }
        String index = segment.getFileName().toString().replace(".log", ".index");
        Path quorumState = logDir.resolve("__cluster_metadata-0/quorum-state");
        byte[] qs = Files.readString(quorumState).replace("\"leaderEpoch\":1", "\"leaderEpoch\":2")
                .getBytes(StandardCharsets.UTF_8);
        Provenance why = Provenance.of("fixture round trip");
        RepairPlan plan = RepairPlan.of(
                RepairPlan.Step.of(new RepairAction.TruncateFile(segment, Files.size(segment) / 2, why), "cut"),
                RepairPlan.Step.of(new RepairAction.DeleteFile(segment.resolveSibling(index), why), "rebuild index"),
                RepairPlan.Step.of(new RepairAction.WriteFile(quorumState, qs, why), "epoch"),
                RepairPlan.Step.of(new RepairAction.MoveOut(logDir.resolve("orders-0/leader-epoch-checkpoint"),
                        tmp.resolve("aside/leader-epoch-checkpoint"), why), "aside"));

        ApplyResult r = RepairExecutor.apply(plan, List.of(logDir), tmp.resolve("backup"));
        assertTrue(r.applied(), r.failure());
        assertTrue(Files.exists(logDir.resolve(".lock")), "an existing .lock stays");
        SortedMap<String, String> after = LogDirFixture.tree(logDir);
        assertNotEquals(before, after);
        try (Stream<Path> s = Files.walk(logDir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".kfsck-tmp")), "no temp file left");
        }

        assertTrue(Undo.apply(r.journalFile()).undone());
        assertEquals(before, LogDirFixture.tree(logDir));
    }
}
