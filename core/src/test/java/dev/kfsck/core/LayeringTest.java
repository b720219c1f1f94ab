package dev.kfsck.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core's layers only look down (finding → io → format → analysis → repair), and the core has no network code:
 * no {@code java.net}, no Kafka client, nothing that prints.
 */
class LayeringTest {

    private static final Path MAIN = Path.of("src/main/java/dev/kfsck/core");
    private static final Map<String, Integer> RANK = Map.of("finding", 0, "io", 1, "format", 2, "analysis", 3, "repair", 4);
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern QUALIFIED_CORE = Pattern.compile("dev\\.kfsck\\.core\\.(\\w+)\\.");

    private static int rank(String layer) {
        Integer r = RANK.get(layer);
        if (r == null) throw new AssertionError("unknown core layer: " + layer);
        return r;
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void layersOnlyLookDown() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> files = sources();
        assertTrue(files.size() > 100, "found the core sources");
        for (Path p : files) {
            String layer = MAIN.relativize(p).getName(0).toString();
            // Code only: FindingCatalog names the code holders of every layer in strings, a registry read by
            // reflection that creates no compile-time dependency.
            String code = Files.readString(p).replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
            Matcher m = QUALIFIED_CORE.matcher(code);
            while (m.find()) {
                if (rank(m.group(1)) > rank(layer)) violations.add(MAIN.relativize(p) + " uses " + m.group(0));
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void noNetworkAndNoPrinting() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path p : sources()) {
            String text = Files.readString(p);
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                String imported = m.group(2);
                if (imported.startsWith("java.net.") || imported.startsWith("org.apache.kafka.clients.")
                        || imported.startsWith("javax.net.")) {
                    violations.add(MAIN.relativize(p) + " imports " + imported);
                }
            }
            String code = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
            if (code.contains("System.out") || code.contains("System.err") || code.contains("printStackTrace")) {
                violations.add(MAIN.relativize(p) + " prints");
            }
        }
        assertEquals(List.of(), violations);
    }
}
