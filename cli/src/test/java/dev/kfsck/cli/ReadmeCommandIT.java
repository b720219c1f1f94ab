package dev.kfsck.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the README's first set-up command exactly as written, from the repository root, as a new user would: it
 * builds kfsck and checks the bundled seed incident.
 */
class ReadmeCommandIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static String firstSetUpCommand() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        return lines.stream().map(String::strip)
                .filter(l -> l.startsWith("mvn ") && l.contains("java -jar cli/target/kfsck.jar"))
                .findFirst().orElseThrow(() -> new AssertionError("README.md has no build-and-run command"));
    }

    @Test
    void theReadmeRunCommandBuildsAndShowsTheSeedIncident() throws Exception {
        String command = firstSetUpCommand();
        Path out = Files.createTempFile("readme-command", ".out");
        Process p = new ProcessBuilder("bash", "-c", command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(15, TimeUnit.MINUTES), "the README command did not finish in 15 minutes");
        String printed = Files.readString(out, StandardCharsets.UTF_8);

        // fsck's exit code 4: the seed incident's errors are left uncorrected by a check.
        assertEquals(4, p.exitValue(), printed);
        assertTrue(printed.contains("QS-NULL-BYTES"), printed);
        assertTrue(printed.contains("CKPT-NULL-BYTES"), printed);
        assertTrue(printed.contains("broker would exit"), printed);
        for (int node = 0; node < 3; node++) {
            assertTrue(printed.contains("seed-incident/node-" + node + "/data"), printed);
        }
        // No stack trace: exception names may appear inside findings' evidence, frames never.
        assertFalse(printed.contains("\tat ") || printed.contains("Exception in thread"), printed);
    }
}
