package dev.kfsck.testdata.gen;

import dev.kfsck.testdata.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies a stopped node's log dir into the fixture tree. A file whose tail is a run of at least {@link #MIN_TRIM}
 * zero bytes (Kafka preallocates active index files, 10 MiB for the metadata log) is stored without that tail; the
 * manifest keeps its real length so {@code Fixtures.copy} can restore it.
 */
final class FixtureWriter {

    static final int MIN_TRIM = 4096;

    private final Path scenarioDir;
    private final List<Manifest.FileEntry> files = new ArrayList<>();
    private final List<String> directories = new ArrayList<>();

    FixtureWriter(Path scenarioDir) throws IOException {
        this.scenarioDir = scenarioDir;
        if (Files.exists(scenarioDir)) {
            try (Stream<Path> s = Files.walk(scenarioDir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(scenarioDir);
    }

    /** Copies {@code logDir} to {@code <scenario>/<relative>}. */
    void copyLogDir(Path logDir, String relative) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(logDir)) {
            all = s.sorted().toList();
        }
        for (Path p : all) {
            String rel = relative + (p.equals(logDir) ? "" : "/" + logDir.relativize(p).toString().replace('\\', '/'));
            Path target = scenarioDir.resolve(rel);
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
                directories.add(rel);
                continue;
            }
            long length = Files.size(p);
            long keep = lengthWithoutZeroTail(p, length);
            if (length - keep < MIN_TRIM) {
                keep = length;
            }
            copyPrefix(p, target, keep);
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
            files.add(new Manifest.FileEntry(rel, length, keep, mode));
        }
    }

    List<Manifest.FileEntry> files() {
        return files;
    }

    List<String> directories() {
        return directories;
    }

    private static void copyPrefix(Path from, Path to, long n) throws IOException {
        Files.createDirectories(to.getParent());
        try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
            byte[] buf = new byte[65536];
            long left = n;
            while (left > 0) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (r < 0) {
                    break;
                }
                out.write(buf, 0, r);
                left -= r;
            }
        }
    }

    /** The length up to and including the last non-zero byte. */
    static long lengthWithoutZeroTail(Path p, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(65536);
            long end = length;
            while (end > 0) {
                long start = Math.max(0, end - buf.capacity());
                buf.clear().limit((int) (end - start));
                while (buf.hasRemaining() && ch.read(buf, start + buf.position()) >= 0) {
                    // fill
                }
                for (int i = (int) (end - start) - 1; i >= 0; i--) {
                    if (buf.get(i) != 0) {
                        return start + i + 1;
                    }
                }
                end = start;
            }
            return 0;
        }
    }
}
