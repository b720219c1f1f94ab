package dev.kfsck.core.repair;

import dev.kfsck.core.io.FileAttrs;
import dev.kfsck.core.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A small log dir of opaque files with the broker's owner and modes, and a whole-tree fingerprint. */
final class LogDirFixture {

    static final int BROKER_ID = isRoot() ? 65534 : -1;

    private LogDirFixture() {
    }

    static Path create(Path logDir, long seed) throws IOException {
        Files.createDirectories(logDir.resolve("__cluster_metadata-0"));
        Files.createDirectories(logDir.resolve("orders-0"));
        Random r = new Random(seed);
        write(logDir.resolve("meta.properties"), "node.id=1\ndirectory.id=X_4C-EiEUO2zeaVsFYbtjg\nversion=1\n", 0644);
        write(logDir.resolve("__cluster_metadata-0/quorum-state"),
                "{\"leaderId\":1,\"leaderEpoch\":4,\"votedId\":-1,\"data_version\":1}", 0644);
        write(logDir.resolve("__cluster_metadata-0/00000000000000000225-0000000001.checkpoint"), random(r, 4000), 0400);
        write(logDir.resolve("orders-0/00000000000000000000.log"), random(r, 1_000_000), 0644);
        write(logDir.resolve("orders-0/00000000000000000000.index"), random(r, 8192), 0644);
        write(logDir.resolve("orders-0/00000000000000000000.timeindex"), random(r, 12 * 100), 0640);
        write(logDir.resolve("orders-0/leader-epoch-checkpoint"), "0\n1\n0 0\n", 0644);
        for (Path d : new Path[] {logDir, logDir.resolve("__cluster_metadata-0"), logDir.resolve("orders-0")}) {
            brokerAttrs(d, 0755).applyTo(d);
        }
        return logDir;
    }

    static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static void write(Path f, String text, int mode) throws IOException {
        write(f, text.getBytes(StandardCharsets.UTF_8), mode);
    }

    static void write(Path f, byte[] bytes, int mode) throws IOException {
        Files.write(f, bytes);
        brokerAttrs(f, mode).applyTo(f);
    }

    static FileAttrs brokerAttrs(Path any, int mode) throws IOException {
        if (BROKER_ID >= 0) return new FileAttrs(mode, BROKER_ID, BROKER_ID);
        FileAttrs me = FileAttrs.of(any);
        return new FileAttrs(mode, me.uid(), me.gid());
    }

    /** Every file and folder under {@code root}: relative path to SHA-256 (files) plus mode and owner. */
    static SortedMap<String, String> tree(Path root) throws IOException {
        SortedMap<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    m.put(rel, "link " + Files.readSymbolicLink(p));
                    continue;
                }
                String kind = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : Sha256.of(p);
                m.put(rel, kind + " " + FileAttrs.of(p));
            }
        }
        return m;
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
