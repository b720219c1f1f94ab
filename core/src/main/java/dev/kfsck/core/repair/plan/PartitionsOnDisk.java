package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirFacts;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentScanner;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The live data partitions of a dir as the check saw them, with the first segment base read from file names, and the
 * log end as the repaired log will have it: from the segments, lowered to where a planned cut leaves it.
 */
final class PartitionsOnDisk {

    /**
     * One partition: its facts from the check, the base offset of its first segment, and its log end.
     *
     * @param end          the log end offset of the files after the plan's cuts
     * @param startBeyond  the checked log start offset lies past the end of the files (Kafka would empty the log);
     *                     the log start the repair keeps is then the first segment's base
     */
    record Partition(String topic, int partition, LogDirFacts.Partition facts, long firstBase, long end, boolean startBeyond) {

        long logEnd() {
            return end;
        }

        long logStart() {
            if (startBeyond) return firstBase;
            long start = facts.logStartOffset() != null ? facts.logStartOffset() : firstBase;
            return Math.min(start, end);
        }
    }

    private PartitionsOnDisk() {
    }

    /** Sorted by topic-partition. Partitions without segments start at 0. */
    static Map<String, Partition> of(LogDirReport dir) throws IOException {
        return of(dir, Map.of());
    }

    /**
     * Sorted by topic-partition, each log end lowered to {@code plannedEnds} (by partition folder) where a step of the
     * plan cuts the log.
     */
    static Map<String, Partition> of(LogDirReport dir, Map<String, Long> plannedEnds) throws IOException {
        Map<String, Partition> out = new TreeMap<>();
        for (var e : dir.facts().partitions().entrySet()) {
            String tp = e.getKey();
            int dash = tp.lastIndexOf('-');
            String topic = tp.substring(0, dash);
            int partition = Integer.parseInt(tp.substring(dash + 1));
            Path folder = dir.dir().resolve(tp);
            long first = firstSegmentBase(folder).orElse(0);
            LogDirFacts.Partition facts = e.getValue();
            long end = facts.logEndOffset() != null ? facts.logEndOffset() : first;
            boolean beyond = false;
            // Kafka's log end for a log start past the files is that log start (it empties the log): not the files' end
            if (facts.logStartOffset() != null && facts.logStartOffset() >= end) {
                OptionalLong files = filesEnd(folder);
                if (files.isPresent() && facts.logStartOffset() > files.getAsLong()) {
                    end = files.getAsLong();
                    beyond = true;
                }
            }
            Long cut = plannedEnds.get(tp);
            if (cut != null) end = Math.min(end, cut);
            out.put(tp, new Partition(topic, partition, facts, first, end, beyond));
        }
        return out;
    }

    static OptionalLong firstSegmentBase(Path partitionDir) throws IOException {
        OptionalLong[] minMax = segmentBases(partitionDir);
        return minMax[0];
    }

    /** The offset after the last valid batch of the last segment (its base offset when it holds none), or empty. */
    static OptionalLong filesEnd(Path partitionDir) throws IOException {
        OptionalLong last = segmentBases(partitionDir)[1];
        if (last.isEmpty()) return OptionalLong.empty();
        Path log = partitionDir.resolve(String.format("%020d.log", last.getAsLong()));
        var scan = SegmentScanner.scan(log, partitionDir.getFileName() + "/" + log.getFileName(),
                ScanOptions.headersOnly().withResync(false));
        return OptionalLong.of(scan.nextOffset());
    }

    /** The smallest and the greatest base offset among the segment file names. */
    private static OptionalLong[] segmentBases(Path partitionDir) throws IOException {
        if (!Files.isDirectory(partitionDir)) return new OptionalLong[] {OptionalLong.empty(), OptionalLong.empty()};
        long min = Long.MAX_VALUE;
        long max = -1;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(partitionDir, "*.log")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.length() == 24 && n.substring(0, 20).chars().allMatch(Character::isDigit)) {
                    long base = Long.parseLong(n.substring(0, 20));
                    min = Math.min(min, base);
                    max = Math.max(max, base);
                }
            }
        }
        return min == Long.MAX_VALUE ? new OptionalLong[] {OptionalLong.empty(), OptionalLong.empty()}
                : new OptionalLong[] {OptionalLong.of(min), OptionalLong.of(max)};
    }
}
