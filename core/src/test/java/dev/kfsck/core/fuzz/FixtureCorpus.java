package dev.kfsck.core.fuzz;

import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every file kfsck parses in the committed fixtures (real log dirs written by a real broker), read once from working
 * copies made with {@link Fixtures#copy} (which restores trimmed zero tails), grouped by kind.
 */
final class FixtureCorpus {

    /** One real file: where it came from and its bytes. */
    record RealFile(String scenario, Path logDir, String rel, FileKind kind, byte[] bytes) {
        @Override
        public String toString() {
            return scenario + ":" + rel + " (" + bytes.length + " bytes)";
        }
    }

    private static volatile FixtureCorpus instance;

    final Path root;
    final Map<FileKind, List<RealFile>> byKind = new EnumMap<>(FileKind.class);
    /** The copied log dirs, one per node of each scenario. */
    final List<Path> logDirs = new ArrayList<>();

    private FixtureCorpus() throws IOException {
        root = Files.createTempDirectory("kfsck-fuzz-fixtures");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
        for (String scenario : Fixtures.available()) {
            Path copy = Fixtures.copy(scenario, root.resolve(scenario));
            Manifest m = Fixtures.manifest(scenario);
            for (Manifest.Node node : m.nodes()) {
                Path logDir = copy.resolve(node.logDir());
                logDirs.add(logDir);
                try (Stream<Path> s = Files.walk(logDir)) {
                    for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                        String rel = logDir.relativize(p).toString().replace('\\', '/');
                        FileKind kind = FileKind.of(rel);
                        if (kind == null) continue;
                        byKind.computeIfAbsent(kind, k -> new ArrayList<>())
                                .add(new RealFile(scenario, logDir, rel, kind, Files.readAllBytes(p)));
                    }
                }
            }
        }
    }

    static FixtureCorpus get() {
        if (instance == null) {
            synchronized (FixtureCorpus.class) {
                if (instance == null) {
                    try {
                        instance = new FixtureCorpus();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return instance;
    }

    private final Map<RealFile, dev.kfsck.core.format.segment.SegmentScan> scans = new java.util.concurrent.ConcurrentHashMap<>();

    /** The segment an index or snapshot belongs to (same folder, same base offset), or null. */
    RealFile segmentOf(RealFile f) {
        String stem = f.rel().substring(0, f.rel().lastIndexOf('.'));
        FileKind kind = f.rel().startsWith("__cluster_metadata-0/") ? FileKind.METADATA_LOG : FileKind.SEGMENT;
        return of(kind).stream().filter(s -> s.scenario().equals(f.scenario()) && s.logDir().equals(f.logDir())
                && s.rel().equals(stem + ".log")).findFirst().orElse(null);
    }

    /** The unmodified segment's scan, with its batch index, as the checker verifies indexes against it. */
    dev.kfsck.core.format.segment.SegmentScan scanOf(RealFile segment) {
        return scans.computeIfAbsent(segment, s -> {
            try {
                return dev.kfsck.core.format.segment.SegmentScanner.scan(dev.kfsck.core.io.ByteWindows.of(s.bytes()), s.rel(),
                        dev.kfsck.core.format.segment.ScanOptions.full().withBatchIndex(true));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    boolean isEmpty() {
        return byKind.isEmpty();
    }

    List<RealFile> of(FileKind kind) {
        return byKind.getOrDefault(kind, List.of());
    }

    List<RealFile> all() {
        return byKind.values().stream().flatMap(List::stream).toList();
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp files only
        }
    }
}
