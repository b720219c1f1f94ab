package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirReport;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which other checked dirs hold a good copy of the offsets a repair gives up: the same partition folder, with valid
 * batches (header and CRC-32C verified, no damage before them) from the first offset given up to the last.
 */
final class ReplicaCopies {

    private ReplicaCopies() {
    }

    /** One statement per other replica found in the report, saying whether it holds {@code from..to} intact. */
    static List<String> holding(PlanContext ctx, LogDirReport self, String partition, long from, long to) throws IOException {
        List<String> out = new ArrayList<>();
        long need = Math.max(to, from);
        for (LogDirReport other : ctx.report().logDirs()) {
            if (other == self) continue;
            Path folder = other.dir().resolve(partition);
            if (!Files.isDirectory(folder)) continue;
            String who = (other.facts().nodeId() == null ? "the replica" : "node " + other.facts().nodeId()) + " (" + other.dir() + ")";
            Coverage c = coverage(folder, partition, from);
            if (c.coversFrom() && c.end() > need) {
                out.add(who + " holds a good copy of offsets " + from + ".." + (c.end() - 1)
                        + " (same offsets, valid CRC): this replica loses nothing the cluster has once it fetches them again from there");
            } else {
                out.add(who + " does not hold a good copy of offsets " + from + ".." + need
                        + (c.end() >= 0 ? " (its valid log ends at offset " + c.end() + ")" : ""));
            }
        }
        return out;
    }

    /** Whether the valid prefix of the replica's log holds offset {@code from}, and where that prefix ends. */
    record Coverage(boolean coversFrom, long end) {
    }

    static Coverage coverage(Path folder, String partition, long from) throws IOException {
        TreeMap<Long, Path> segments = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.log")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.length() == 24 && n.substring(0, 20).chars().allMatch(Character::isDigit)) segments.put(Long.parseLong(n.substring(0, 20)), p);
            }
        }
        boolean covers = false;
        long end = -1;
        for (Map.Entry<Long, Path> e : segments.entrySet()) {
            Long next = segments.higherKey(e.getKey());
            if (next != null && next <= from) continue;
            SegmentSurvey s = SegmentSurvey.of(e.getValue(), partition + "/" + e.getValue().getFileName());
            for (SegmentSurvey.Batch b : s.batches()) {
                if (b.position() < s.scan().validBytes() && b.baseOffset() <= from && b.lastOffset() >= from) covers = true;
            }
            end = Math.max(end, s.scan().nextOffset());
            if (s.damaged()) break;
        }
        return new Coverage(covers, end);
    }
}
