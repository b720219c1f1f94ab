package dev.kfsck.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kfsck repair --apply} moves a stray folder out of the log dir, and {@code kfsck undo} moves it back. */
class RepairFolderMoveTest {

    @TempDir
    Path tmp;

    @Test
    void aStrayFolderIsMovedOutAndUndoneFromTheCommandLine() throws Exception {
        Path dir = LogDirs.withStrayFolder(tmp.resolve("data-0"));
        Files.writeString(dir.resolve("lost+found/#131077"), "kept\n");
        Path backup = tmp.resolve("backup");

        Cli.Result r = Cli.run("repair", "--apply", "--backup-dir", backup.toString(), dir.toString());

        assertEquals(ExitCodes.CORRECTED, r.exit(), r.toString());
        assertFalse(Files.exists(dir.resolve("lost+found")), r.out());
        // the default place for moved folders: <backup dir>-moved/moved-out/<parent>-<log dir name>/
        Path moved = tmp.resolve("backup-moved/moved-out").resolve(tmp.getFileName() + "-data-0").resolve("lost+found");
        assertEquals("kept\n", Files.readString(moved.resolve("#131077")), r.out());
        assertTrue(r.out().contains("Checked again: 0 errors"), r.out());

        Cli.Result u = Cli.run("undo", backup.resolve("kfsck-journal.json").toString());
        assertEquals(ExitCodes.OK, u.exit(), u.toString());
        assertEquals("kept\n", Files.readString(dir.resolve("lost+found/#131077")));
        assertFalse(Files.exists(moved));
    }
}
