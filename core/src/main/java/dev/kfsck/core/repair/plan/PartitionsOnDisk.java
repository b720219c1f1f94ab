package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirFacts;
import dev.kfsck.core.analysis.LogDirReport;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/** The live data partitions of a dir as the check saw them, with the first segment base read from file names. */
final class PartitionsOnDisk {

    /** One partition: its facts from the check and the base offset of its first segment. */
    record Partition(String topic, int partition, LogDirFacts.Partition facts, long firstBase) {

        long logEnd() {
            return facts.logEndOffset() != null ? facts.logEndOffset() : firstBase;
        }

        long logStart() {
            return facts.logStartOffset() != null ? facts.logStartOffset() : firstBase;
        }
    }

    private PartitionsOnDisk() {
    }

    /** Sorted by topic-partition. Partitions without segments start at 0. */
    static Map<String, Partition> of(LogDirReport dir) throws IOException {
        Map<String, Partition> out = new TreeMap<>();
        for (var e : dir.facts().partitions().entrySet()) {
            String tp = e.getKey();
            int dash = tp.lastIndexOf('-');
            String topic = tp.substring(0, dash);
            int partition = Integer.parseInt(tp.substring(dash + 1));
            long first = firstSegmentBase(dir.dir().resolve(tp)).orElse(0);
            out.put(tp, new Partition(topic, partition, e.getValue(), first));
        }
        return out;
    }

    static OptionalLong firstSegmentBase(Path partitionDir) throws IOException {
        if (!Files.isDirectory(partitionDir)) return OptionalLong.empty();
        long min = Long.MAX_VALUE;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(partitionDir, "*.log")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.length() == 24 && n.substring(0, 20).chars().allMatch(Character::isDigit)) {
                    min = Math.min(min, Long.parseLong(n.substring(0, 20)));
                }
            }
        }
        return min == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(min);
    }
}
