package dev.kfsck.testdata.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM running one of Kafka's main classes ({@code kafka.Kafka}, {@code kafka.tools.StorageTool}), its
 * standard output and error going to a log file. Every process started here is also destroyed by a JVM shutdown
 * hook, so that no broker outlives the JVM that started it.
 */
public final class KafkaProcess implements AutoCloseable {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kfsck-kill-brokers"));
    }

    private final Process process;
    private final Path logFile;

    private KafkaProcess(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code mainClass args} in a new JVM with the given classpath; output goes to {@code logFile}. */
    public static KafkaProcess start(String classpath, String mainClass, List<String> args, Path logFile, String maxHeap)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + maxHeap);
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dorg.slf4j.simpleLogger.logFile=System.out");
        cmd.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        cmd.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        LIVE.add(p);
        p.onExit().thenRun(() -> LIVE.remove(p));
        return new KafkaProcess(p, logFile);
    }

    /** Runs a tool to completion (bounded) and returns its exit code; throws with the log if it fails. */
    public static void runTool(String classpath, String mainClass, List<String> args, Path logFile) throws IOException {
        try (KafkaProcess p = start(classpath, mainClass, args, logFile, "256m")) {
            if (!p.process.waitFor(120, TimeUnit.SECONDS)) {
                throw new IOException(mainClass + " did not finish in 120 s; see " + logFile);
            }
            if (p.process.exitValue() != 0) {
                throw new IOException(mainClass + " " + args + " exited " + p.process.exitValue() + ":\n" + p.log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** The whole log so far (empty if unreadable). */
    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    /** The first log line that matches, if any. */
    public Optional<String> firstLine(Predicate<String> matches) {
        return log().lines().filter(matches).findFirst();
    }

    /** SIGKILL, then wait (bounded) until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM (Kafka's controlled shutdown), waiting up to {@code timeout}; SIGKILL if it is still alive then. */
    public boolean terminate(Duration timeout) {
        process.destroy();
        boolean exited = awaitExit(timeout);
        if (!exited) {
            kill();
        }
        return exited;
    }

    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
