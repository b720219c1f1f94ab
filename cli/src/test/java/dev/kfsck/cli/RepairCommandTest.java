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
        Path dir = LogDirs.withStrayFolder(tmp.resolve("data-0"));
        List<String> before = tree(dir);
        Path backup = tmp.resolve("backup");
        Cli.Result r = Cli.run("repair", "--backup-dir", backup.toString(), dir.toString());
        assertEquals(ExitCodes.UNCORRECTED, r.exit(), r.toString());
        assertTrue(r.out().contains("repair plan for 1 log dir (1 errors, 0 warnings found)"), r.out());
        assertTrue(r.out().contains("1. move "), r.out());
        assertTrue(r.out().contains("why: "), r.out());
        assertTrue(r.out().contains("fixes: LAYOUT-STRAY-FOLDER lost+found"), r.out());
        assertTrue(r.out().contains("Nothing was written. Run again with --apply"), r.out());
        assertEquals(before, tree(dir), "a dry run changes nothing");
        assertFalse(Files.exists(backup), "a dry run creates no backup dir");
        assertEquals("", r.err());
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
        Path dir = LogDirs.withStrayFolder(tmp.resolve("data-0"));
        Cli.Result r = Cli.run("repair", "--only", "LAYOUT-INDEX-MISSING", dir.toString());
        assertTrue(r.out().contains("No step to take."), r.out());
        assertEquals(ExitCodes.UNCORRECTED, r.exit(), "the stray folder is still an error: " + r);
    }

    @Test
    void aRefusedApplyChangesNothingAndExitsEight() throws Exception {
        // Whatever the executor refuses (here: a backup dir inside the log dir), it refuses before any change.
        Path dir = LogDirs.withStrayFolder(tmp.resolve("data-0"));
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
