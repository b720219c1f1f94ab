package dev.kfsck.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A separate JVM running a small main class from the test classpath; talks line by line over stdin/stdout. */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;

    private ChildJvm(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code main} with the whole test classpath. */
    public static ChildJvm start(Class<?> main, String... args) throws IOException {
        return start(List.of(), System.getProperty("java.class.path"), main, args);
    }

    /**
     * Starts {@code main} behind a command prefix (e.g. {@code setpriv --reuid ...}) with the given classpath.
     */
    public static ChildJvm start(List<String> prefix, String classpath, Class<?> main, String... args) throws IOException {
        return start(prefix, List.of(), classpath, main, args);
    }

    /** The same with JVM options such as {@code -Xmx32m}. */
    public static ChildJvm start(List<String> prefix, List<String> jvmOptions, String classpath, Class<?> main,
                                 String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-XX:-UsePerfData");
        cmd.add("-Xshare:off");
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        return new ChildJvm(pb.start());
    }

    /** The directory or jar a class was loaded from, for a minimal classpath. */
    public static String locationOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next line the child prints (logging-binding warnings skipped), or fails after 60 s. */
    public String readLine() throws IOException {
        for (;;) {
            String line = rawLine();
            if (!line.startsWith("SLF4J")) return line;
        }
    }

    private String rawLine() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (out.ready()) return out.readLine();
            if (!process.isAlive() && !out.ready()) {
                String last = out.readLine();
                if (last != null) return last;
                throw new IOException("child exited with " + process.exitValue() + " before answering");
            }
            sleep();
        }
        throw new IOException("child did not answer in 60 s");
    }

    /** Reads lines until one starts with {@code prefix} (skipping JVM chatter). */
    public String await(String prefix) throws IOException {
        for (;;) {
            String line = readLine();
            if (line.startsWith(prefix)) return line;
        }
    }

    public void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for a normal exit and returns the exit code. */
    public int waitFor() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("child did not exit");
        }
        return process.exitValue();
    }

    /** SIGKILL, like a crashed broker. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }

    /** The whole output of a child that has exited. */
    public String rest() throws IOException {
        StringBuilder b = new StringBuilder();
        for (String l; (l = out.readLine()) != null; ) b.append(l).append('\n');
        return b.toString();
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
