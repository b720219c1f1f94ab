package dev.kfsck.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kfsck repair}: the plan is printed with its evidence, and nothing is written without --apply. */
class RepairCommandTest {

    @TempDir
    Path tmp;

    private static List<String> tree(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p) + (Files.isDirectory(p) ? "/" : " " + p.toFile().length())).sorted().toList();
        }
    }

    @Test
    void dryRunPrintsEveryStepWithItsEvidenceAndWritesNothing() throws Exception {
        Path dir = LogDirs.withNullFiles(tmp.resolve("data-0"));
        List<String> before = tree(dir);
        Path backup = tmp.resolve("backup");
        Cli.Result r = Cli.run("repair", "--backup-dir", backup.toString(), dir.toString());
        assertEquals(ExitCodes.UNCORRECTED, r.exit(), r.toString());
        String out = r.out();
        assertTrue(out.contains("repair plan for 1 log dir (2 errors, 0 warnings found)"), out);
        assertTrue(out.contains(". write 126 bytes to ") && out.contains("quorum-state"), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("why: leaderEpoch=") && l.contains("<- ")), "each written value with its source\n" + out);
        assertTrue(out.contains("fixes: QS-NULL-BYTES __cluster_metadata-0/quorum-state bytes 0..124 (125 bytes)"), out);
        assertTrue(out.contains("fixes: CKPT-NULL-BYTES replication-offset-checkpoint"), out);
        assertTrue(out.contains("Nothing was written. Run again with --apply"), out);
        assertEquals(before, tree(dir), "a dry run changes nothing");
        assertFalse(Files.exists(backup), "a dry run creates no backup dir");
        assertEquals("", r.err());
    }

    @Test
    void applyRepairsChecksAgainAndUndoTakesItBack() throws Exception {
        Path dir = LogDirs.withNullFiles(tmp.resolve("data-0"));
        Path qs = dir.resolve("__cluster_metadata-0").resolve("quorum-state");
        Path backup = tmp.resolve("backup");
        assertEquals(ExitCodes.UNCORRECTED, Cli.run("check", dir.toString()).exit());

        Cli.Result r = Cli.run("repair", "--apply", "--backup-dir", backup.toString(), dir.toString());
        assertEquals(ExitCodes.CORRECTED, r.exit(), r.toString());
        assertTrue(r.out().contains("Journal: " + backup.toAbsolutePath().resolve("kfsck-journal.json")), r.out());
        assertTrue(r.out().contains("Applied 2 steps. Checked again: 0 errors"), r.out());
        assertTrue(new String(Files.readAllBytes(qs)).startsWith("{"), "quorum-state is JSON again");
        assertEquals(ExitCodes.OK, Cli.run("check", dir.toString()).exit(), "the broker would start now");

        Cli.Result undo = Cli.run("undo", backup.toString());
        assertEquals(ExitCodes.OK, undo.exit(), undo.toString());
        assertTrue(java.util.Arrays.equals(new byte[125], Files.readAllBytes(qs)), "undo puts the null bytes back");
        assertEquals(ExitCodes.UNCORRECTED, Cli.run("check", dir.toString()).exit());
    }

    @Test
    void findingsWithNoSafeRepairAreListedWithTheReason() throws Exception {
        Path dir = LogDirs.withUnguessableMetaProperties(tmp.resolve("data-0"));
        Cli.Result r = Cli.run("repair", dir.toString());
        assertEquals(ExitCodes.UNCORRECTED, r.exit(), r.toString());
        assertTrue(r.out().contains("Left as they are:"), r.out());
        assertTrue(r.out().contains("meta.properties"), r.out());
    }

    @Test
    void nothingToRepairExitsZero() throws Exception {
        Path dir = LogDirs.healthy(tmp.resolve("data-0"));
        Cli.Result r = Cli.run("repair", "--apply", "--backup-dir", tmp.resolve("b").toString(), dir.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        assertTrue(r.out().contains("No step to take."), r.out());
        assertFalse(Files.exists(tmp.resolve("b")));
    }

    @Test
    void onlyLimitsThePlanToTheGivenCodes() throws Exception {
        Path dir = LogDirs.withNullFiles(tmp.resolve("data-0"));
        Cli.Result r = Cli.run("repair", "--only", "QS-NULL-BYTES", dir.toString());
        assertTrue(r.out().contains("fixes: QS-NULL-BYTES"), r.out());
        assertFalse(r.out().contains("fixes: CKPT-NULL-BYTES"), r.out());
        assertEquals(ExitCodes.UNCORRECTED, r.exit(), r.toString());
    }

    @Test
    void aRefusedApplyChangesNothingAndExitsEight() throws Exception {
        // Whatever the executor refuses (here: a backup dir inside the log dir), it refuses before any change.
        Path dir = LogDirs.withNullFiles(tmp.resolve("data-0"));
        List<String> before = tree(dir);
        Cli.Result r = Cli.run("repair", "--apply", "--backup-dir", dir.resolve("backup").toString(), dir.toString());
        assertEquals(ExitCodes.OPERATIONAL, r.exit(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("kfsck repair: refused, nothing was changed"), r.err());
        assertFalse(r.err().contains("\tat "));
        assertEquals(before, tree(dir));
    }

    @Test
    void badRepairArgumentsAreUsageErrors() throws Exception {
        Path dir = LogDirs.healthy(tmp.resolve("data-0"));
        for (String[] args : new String[][] {
                {"repair", "--only", "NOT-A-CODE", dir.toString()},
                {"repair", "--policy", "yolo", dir.toString()},
                {"repair", "--voters", "one,two", dir.toString()},
                {"repair"}}) {
            Cli.Result r = Cli.run(args);
            assertEquals(ExitCodes.USAGE, r.exit(), String.join(" ", args) + "\n" + r);
            assertEquals(1, r.err().lines().count(), r.toString());
        }
        assertEquals(ExitCodes.OPERATIONAL, Cli.run("repair", tmp.resolve("nope").toString()).exit());
    }
}
