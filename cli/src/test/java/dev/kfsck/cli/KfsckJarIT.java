package dev.kfsck.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the shaded jar the build produced, as an SRE would: {@code java -jar cli/target/kfsck.jar ...}. */
class KfsckJarIT {

    static final Path JAR = Path.of("target", "kfsck.jar");

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    private Run java(String... args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), "the package phase builds " + JAR.toAbsolutePath());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kfsck did not finish: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void versionFromTheShadedJar() throws Exception {
        Run r = java("--version");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("kfsck " + KfsckVersion.version()), r.out());
        assertFalse(r.out().contains("${"), r.out());
        assertTrue(r.out().contains("4.3.x") && r.out().contains("3.9.x"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void checkAndExitCodesFromTheShadedJar() throws Exception {
        Path dir = LogDirs.withStrayFolder(tmp.resolve("data-0"));
        Run found = java("check", dir.toString());
        assertEquals(ExitCodes.UNCORRECTED, found.exit(), found.toString());
        assertTrue(found.out().contains("LAYOUT-STRAY-FOLDER"), found.out());
        assertFalse(found.out().contains("\u001b["), "no colour when stdout is not a terminal");
        assertEquals("", found.err(), "no progress bar when stderr is not a terminal");

        Run json = java("check", "--format", "json", dir.toString());
        ReportSchema.assertValid(json.out());

        Run missing = java("check", tmp.resolve("nope").toString());
        assertEquals(ExitCodes.OPERATIONAL, missing.exit(), missing.toString());
        assertEquals(1, missing.err().lines().count(), missing.err());

        Run usage = java("check", "--format", "yaml", dir.toString());
        assertEquals(ExitCodes.USAGE, usage.exit(), usage.toString());
    }

    @Test
    void sigtermCancelsWithExitCode32() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "dump", "--kind", "raw", "/dev/stdin");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            // The dump has started (and the signal handlers are in place) once it names the file; stdin stays open.
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("/dev/stdin"), String.valueOf(first));
            // The handle's destroy sends SIGTERM without closing our end of the child's stdin (Process.destroy
            // closes it, and the dump would then end normally at EOF, racing the signal).
            p.toHandle().destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "kfsck ends on SIGTERM");
            assertEquals(ExitCodes.CANCELLED, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }
}
