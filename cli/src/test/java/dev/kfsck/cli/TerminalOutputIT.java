package dev.kfsck.cli;

import dev.kfsck.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shaded jar run on a pseudo-terminal (util-linux {@code script(1)}, part of every Debian base system), as an
 * SRE in a repair pod sees it: colour on, and the progress bar on stderr. {@code KfsckJarIT} shows both stay off
 * when the output is not a terminal.
 */
class TerminalOutputIT {

    @TempDir
    Path tmp;

    @Test
    void onATerminalTheReportIsColouredAndTheScanShowsProgress() throws Exception {
        Path script = Path.of("/usr/bin/script");
        assumeTrue(Files.isExecutable(script), "script(1) is not installed");
        Path copy = Fixtures.copy("single-4.3-kill", tmp.resolve("fixture"));
        Path dataDir = copy.resolve(Fixtures.manifest("single-4.3-kill").firstNode().logDir());
        Files.createDirectories(dataDir.resolve("lost+found"));
        // A long scan: a sparse gigabyte of zeros after the active segment's last batch (what a preallocated
        // segment looks like after a crash), so the bar's start delay passes before the check ends.
        Path active = dataDir.resolve("orders-0/00000000000000000202.log");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(active.toFile(), "rw")) {
            f.setLength(f.length() + (1L << 30));
        }

        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = javaBin + " -jar " + KfsckJarIT.JAR.toAbsolutePath() + " check " + dataDir;
        Path typescript = tmp.resolve("typescript");
        Process p = new ProcessBuilder(script.toString(), "-qfec", command, typescript.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out").toFile()).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "kfsck on a terminal did not finish");
        String screen = Files.readString(typescript, StandardCharsets.UTF_8);

        assertEquals(ExitCodes.UNCORRECTED, p.exitValue(), screen);
        assertTrue(screen.contains("LAYOUT-STRAY-FOLDER"), screen);
        assertTrue(screen.contains("\u001b["), "colour escapes on a terminal:\n" + screen);
        assertTrue(java.util.regex.Pattern.compile("check\\s+\\d+%.*\\d+/1").matcher(screen).find(),
                "a progress bar (task, percentage, steps of the one dir) on a terminal:\n" + screen);
    }
}
