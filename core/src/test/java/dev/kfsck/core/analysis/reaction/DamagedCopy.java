package dev.kfsck.core.analysis.reaction;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.LogDirFacts;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A copy of a real broker's fixture, to be damaged, checked by kfsck, and then handed to a real broker. The same
 * bytes go through both, so what kfsck predicts and what Kafka does are about one and the same dir.
 */
final class DamagedCopy {

    final String scenario;
    final Manifest manifest;
    final Path root;
    final Path logDir;

    private DamagedCopy(String scenario, Path root) {
        this.scenario = scenario;
        this.manifest = Fixtures.manifest(scenario);
        this.root = root;
        this.logDir = root.resolve(manifest.firstNode().logDir());
    }

    static DamagedCopy of(String scenario, Path tmp) {
        return new DamagedCopy(scenario, Fixtures.copy(scenario, tmp.resolve(scenario)));
    }

    Report check() {
        return LogDirChecker.check(logDir);
    }

    /** What kfsck learned about a data partition of this dir (its predicted log start and end among them). */
    static LogDirFacts.Partition partition(Report r, String topicPartition) {
        return r.logDirs().get(0).facts().partitions().get(topicPartition);
    }

    /**
     * The one finding with {@code code} about {@code file} whose byte range holds {@code offset}; with offset -1, the
     * one about the file as a whole.
     */
    static Finding finding(Report r, String code, String file, long offset) {
        List<Finding> hits = r.findings().stream()
                .filter(f -> f.code().id().equals(code) && f.location().file().equals(file))
                .filter(f -> offset < 0 ? f.location().offset() < 0 : f.location().offset() <= offset
                        && offset < f.location().offset() + Math.max(1, f.location().length()))
                .toList();
        assertEquals(1, hits.size(), code + " at " + file + "@" + offset + " among" + describe(r.findings()));
        return hits.get(0);
    }

    static String describe(List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            sb.append("\n  ").append(f.severity()).append(' ').append(f.code().id()).append(' ').append(f.reaction())
                    .append(' ').append(f.location().file()).append('@').append(f.location().offset())
                    .append(' ').append(f.message());
        }
        return sb.toString();
    }

    /** Drops a partition's entry from a root offset checkpoint, keeping the entry count right. */
    void dropCheckpointEntry(String file, String topicPartition) throws IOException {
        Path path = logDir.resolve(file);
        List<String> lines = Files.readAllLines(path);
        int dash = topicPartition.lastIndexOf('-');
        String prefix = topicPartition.substring(0, dash) + " " + topicPartition.substring(dash + 1) + " ";
        List<String> entries = new ArrayList<>(lines.subList(2, lines.size()));
        if (!entries.removeIf(l -> l.startsWith(prefix))) {
            throw new IllegalStateException(file + " has no entry for " + topicPartition);
        }
        StringBuilder sb = new StringBuilder(lines.get(0)).append('\n').append(entries.size()).append('\n');
        entries.forEach(e -> sb.append(e).append('\n'));
        Files.writeString(path, sb.toString());
    }
}
