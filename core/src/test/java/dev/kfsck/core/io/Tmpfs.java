package dev.kfsck.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A small tmpfs mounted for a test (needs root / CAP_SYS_ADMIN); {@link #reason} says why when it cannot be. */
public final class Tmpfs implements AutoCloseable {

    private final Path mountPoint;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** The last reason a mount failed. */
    public static String reason = "";

    /** Mounts a tmpfs of {@code size} (e.g. "64k") on an empty folder, or returns null (see {@link #reason}). */
    public static Tmpfs mount(Path emptyDir, String size) {
        String out = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "kfsck-test", emptyDir.toString());
        if (out != null) {
            reason = "cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN): " + out;
            return null;
        }
        return new Tmpfs(emptyDir);
    }

    public Path root() {
        return mountPoint;
    }

    /** Makes the whole file system read-only: writes then fail with EROFS, for root too. */
    public void remountReadOnly() throws IOException {
        String out = run("mount", "-o", "remount,ro", mountPoint.toString());
        if (out != null) throw new IOException("remount ro failed: " + out);
    }

    @Override
    public void close() throws IOException {
        String out = run("umount", mountPoint.toString());
        if (out != null) throw new IOException("umount " + mountPoint + " failed: " + out);
    }

    /** Runs a command; null on success, else its output and exit code. */
    static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
        } catch (IOException | InterruptedException e) {
            return e.toString();
        }
    }

    static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) return true;
        }
        return false;
    }
}
