package dev.kfsck.core.analysis;

import dev.kfsck.core.io.Sha256;
import dev.kfsck.testdata.Fixtures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** A check changes no byte, size or modification time of the evidence, and creates nothing (not even {@code .lock}). */
class CheckLeavesEvidenceUntouchedTest {

    static Stream<String> scenarios() {
        return Fixtures.available().stream();
    }

    record State(String sha256, long size, long mtimeNanos, boolean directory) {
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void checkChangesNothing(String scenario, @TempDir Path tmp) throws Exception {
        List<Path> dirs = FixtureCopies.logDirs(scenario, tmp);
        // a clean shutdown deletes .lock: the probe must not create it
        Files.deleteIfExists(dirs.get(0).resolve(LogDirLayout.LOCK));
        Map<String, State> before = snapshot(tmp);
        LogDirChecker.check(dirs.toArray(Path[]::new));
        LogDirChecker.check(dirs.toArray(Path[]::new));
        Map<String, State> after = snapshot(tmp);
        assertEquals(before.keySet(), after.keySet(), "files created or deleted by the check");
        for (var e : before.entrySet()) {
            assertEquals(e.getValue(), after.get(e.getKey()), e.getKey());
        }
        assertFalse(Files.exists(dirs.get(0).resolve(LogDirLayout.LOCK)), ".lock created by the lock probe");
    }

    private static Map<String, State> snapshot(Path root) throws IOException {
        Map<String, State> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String hash = a.isRegularFile() ? Sha256.of(p) : "";
                // a directory's mtime changes when an entry is created or removed in it: a temp file would show
                out.put(root.relativize(p).toString(), new State(hash, a.isDirectory() ? 0 : a.size(),
                        a.lastModifiedTime().toInstant().getEpochSecond() * 1_000_000_000L + a.lastModifiedTime().toInstant().getNano(),
                        a.isDirectory()));
            }
        }
        return out;
    }
}
