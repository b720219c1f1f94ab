package dev.kfsck.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Linux's {@code /proc/locks}: which process holds a POSIX record lock on which inode. Looking here opens
 * nothing, which matters inside the JVM that holds a lock: on Linux, closing <em>any</em> descriptor of a file drops
 * every POSIX lock the process holds on it, so a probe that opened and closed {@code .lock} would silently release a
 * lock held elsewhere in the same JVM.
 */
final class ProcLocks {

    /** One held (not waiting) lock: the holder's pid as this pid namespace sees it (0 when outside it). */
    record Held(String type, long pid, int major, int minor, long inode) {
    }

    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private ProcLocks() {
    }

    /** Every held lock, or empty when {@code /proc/locks} cannot be read (not Linux). */
    static Optional<List<Held>> read() {
        if (!Files.isReadable(PROC_LOCKS)) return Optional.empty();
        try {
            return Optional.of(parse(Files.readAllLines(PROC_LOCKS, StandardCharsets.US_ASCII)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses lines such as {@code 1: POSIX  ADVISORY  WRITE 8504 fe:00:2154518 0 EOF}. Waiters ({@code 1: -> POSIX ...})
     * hold nothing and are skipped; lines that do not fit are skipped too.
     */
    static List<Held> parse(List<String> lines) {
        List<Held> out = new ArrayList<>();
        for (String line : lines) {
            String[] t = line.trim().split("\\s+");
            if (t.length < 6 || t[1].equals("->")) continue;
            String[] dev = t[5].split(":");
            if (dev.length != 3) continue;
            try {
                out.add(new Held(t[1], Long.parseLong(t[4]), Integer.parseInt(dev[0], 16),
                        Integer.parseInt(dev[1], 16), Long.parseLong(dev[2])));
            } catch (NumberFormatException e) {
                // OFD or unusual lines may carry "-1" or other forms: not a lock we can match
            }
        }
        return out;
    }

    /** glibc's major() of a {@code st_dev} value. */
    static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
    }

    /** glibc's minor() of a {@code st_dev} value. */
    static int minor(long dev) {
        return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
    }
}
