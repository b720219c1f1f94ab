package dev.kfsck.core.analysis.reaction;

import dev.kfsck.core.finding.Finding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one markdown table row per proven case to {@code target/kafka-reactions/<case>.md}: the damage, kfsck's
 * code and reaction, and what the real broker did. The page {@code src/site/markdown/kafka-reactions.md} is made
 * from these rows.
 */
final class ObservedReactions {

    private static final Path DIR = Path.of("target", "kafka-reactions");

    private ObservedReactions() {
    }

    /** Keeps the broker's console log of a case next to its row, as the evidence for it. */
    static void brokerLog(String caseName, String log) {
        write(caseName + ".log", log);
    }

    static void row(String caseName, String damage, Finding f, String brokerDid) {
        String line = "| " + damage + " | `" + f.code().id() + "` at `" + f.location().file()
                + (f.location().offset() >= 0 ? "@" + f.location().offset() : "") + "` | " + f.reaction() + " | "
                + brokerDid.replace("|", "\\|").replace("\n", " ") + " |\n";
        write(caseName + ".md", line);
    }

    private static void write(String name, String text) {
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
