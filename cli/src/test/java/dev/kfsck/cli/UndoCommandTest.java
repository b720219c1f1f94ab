package dev.kfsck.cli;

import dev.kfsck.core.repair.ApplyResult;
import dev.kfsck.core.repair.Provenance;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairExecutor;
import dev.kfsck.core.repair.RepairPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kfsck undo} over journals left by core's repair executor. */
class UndoCommandTest {

    @TempDir
    Path tmp;

    private static final byte[] NULLS = new byte[125];
    private static final byte[] FIXED = "{\"clusterId\":\"\",\"leaderId\":-1,\"leaderEpoch\":1,\"votedId\":-1,\"appliedOffset\":0,\"currentVoters\":[{\"voterId\":1}],\"data_version\":0}"
            .getBytes(StandardCharsets.UTF_8);

    /** A log dir whose quorum-state a repair rewrote; returns the backup dir. */
    private Path repaired(Path dir) throws Exception {
        LogDirs.healthy(dir);
        Path qs = Files.write(dir.resolve("__cluster_metadata-0").resolve("quorum-state"), NULLS);
        RepairPlan plan = RepairPlan.of(RepairPlan.Step.of(
                new RepairAction.WriteFile(qs, FIXED, Provenance.of("quorum-state is null bytes").with("leaderEpoch 1", "leader-epoch-checkpoint")),
                "rewrite quorum-state"));
        Path backup = tmp.resolve("backup");
        ApplyResult r = RepairExecutor.apply(plan, List.of(dir), backup);
        assertTrue(r.applied(), String.valueOf(r.failure()));
        assertArrayEquals(FIXED, Files.readAllBytes(qs));
        return backup;
    }

    @Test
    void undoRestoresTheFileFromTheJournal() throws Exception {
        Path dir = tmp.resolve("data-0");
        Path backup = repaired(dir);
        Cli.Result r = Cli.run("undo", backup.resolve("kfsck-journal.json").toString());
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        assertArrayEquals(NULLS, Files.readAllBytes(dir.resolve("__cluster_metadata-0").resolve("quorum-state")));
        assertTrue(r.out().contains("restored  "), r.out());
        assertTrue(r.out().contains("Undone: 1 restored"), r.out());

        Cli.Result again = Cli.run("undo", backup.toString());
        assertEquals(ExitCodes.OK, again.exit(), "undoing twice finds the file as before the repair: " + again);
        assertTrue(again.out().contains("as found  "), again.out());
    }

    @Test
    void aFileChangedSinceTheRepairIsRefusedUnlessForced() throws Exception {
        Path dir = tmp.resolve("data-0");
        Path backup = repaired(dir);
        Path qs = dir.resolve("__cluster_metadata-0").resolve("quorum-state");
        byte[] brokerWrote = "{\"clusterId\":\"\",\"leaderId\":1,\"leaderEpoch\":2,\"votedId\":-1,\"appliedOffset\":0,\"currentVoters\":[{\"voterId\":1}],\"data_version\":0}"
                .getBytes(StandardCharsets.UTF_8);
        Files.write(qs, brokerWrote);

        Cli.Result refused = Cli.run("undo", backup.toString());
        assertEquals(ExitCodes.OPERATIONAL, refused.exit(), refused.toString());
        assertEquals(1, refused.err().lines().count(), refused.err());
        assertTrue(refused.err().contains("refused, nothing was changed"), refused.err());
        assertFalse(refused.err().contains("\tat "));
        assertArrayEquals(brokerWrote, Files.readAllBytes(qs));

        Cli.Result forced = Cli.run("undo", "--force", backup.toString());
        assertEquals(ExitCodes.OK, forced.exit(), forced.toString());
        assertArrayEquals(NULLS, Files.readAllBytes(qs));
        assertTrue(forced.out().contains("forced  "), forced.out());
    }

    @Test
    void missingJournalIsOperationalAndNoArgumentIsUsage() {
        Cli.Result missing = Cli.run("undo", tmp.resolve("nope").toString());
        assertEquals(ExitCodes.OPERATIONAL, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("no such journal"), missing.err());
        assertEquals(ExitCodes.USAGE, Cli.run("undo").exit());
        assertEquals(ExitCodes.USAGE, Cli.run("undo", "a", "b").exit());
    }
}
