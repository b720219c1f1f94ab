package dev.kfsck.core.docs;

import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.corrupt.Corruption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's embedder example, compiled exactly as the README shows it and run on real fixtures. */
class ReadmeExampleTest {

    @TempDir
    Path tmp;

    @Test
    void theReadmeExampleCompilesAndReportsWhatTheCheckerFinds() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README.md has a java example");
        String source = m.group(1);

        Path src = tmp.resolve("src/Preflight.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path"), src.toString());
        assertEquals(0, rc, "the README example does not compile:\n" + errors);

        Path damaged = Fixtures.copy("single-4.3-kill", tmp.resolve("damaged"));
        Path dataDir = damaged.resolve("node-1/data");
        Corruption.QS_NULL_FILL.apply(dataDir);
        Path clean = Fixtures.copy("single-4.3-kill", tmp.resolve("clean")).resolve("node-1/data");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Method run = loader.loadClass("Preflight").getMethod("run", Path.class);
            PrintStream old = System.out;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int damagedRc;
            int cleanRc;
            try {
                damagedRc = (int) run.invoke(null, dataDir);
                cleanRc = (int) run.invoke(null, clean);
            } finally {
                System.setOut(old);
            }
            String printed = out.toString(StandardCharsets.UTF_8);
            assertEquals(4, damagedRc, printed);
            assertTrue(printed.contains("QS-NULL-BYTES"), printed);
            assertTrue(printed.contains("broker would exit"), printed);
            assertEquals(0, cleanRc, printed);
        }
    }
}
