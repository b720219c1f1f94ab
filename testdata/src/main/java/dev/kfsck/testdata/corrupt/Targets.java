package dev.kfsck.testdata.corrupt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the files a corruption targets inside a log dir (deterministically: sorted names, fixed choices). */
public final class Targets {

    /** Size of a v2 record batch header; the records start this many bytes into a batch. */
    public static final int BATCH_HEADER = 61;
    private static final int LOG_OVERHEAD = 12;
    /** The metadata log's quorum-state, relative to the log dir. */
    public static final String QUORUM_STATE = "__cluster_metadata-0/quorum-state";

    private Targets() {
    }

    /**
     * The data partition corruptions aim at: {@code orders-0} if present, otherwise the first (by name) partition
     * folder of a non-internal topic whose first segment holds at least one batch.
     */
    public static String dataPartition(Path logDir) {
        if (Files.isDirectory(logDir.resolve("orders-0"))) {
            return "orders-0";
        }
        for (String name : list(logDir)) {
            Path dir = logDir.resolve(name);
            if (Files.isDirectory(dir) && !name.startsWith("__") && name.matches(".+-[0-9]+")) {
                Optional<String> seg = segments(logDir, name).stream().findFirst();
                if (seg.isPresent() && Damage.size(logDir.resolve(seg.get())) > 0) {
                    return name;
                }
            }
        }
        throw new IllegalArgumentException("no data partition with data in " + logDir);
    }

    /** A partition's segment files ({@code <partition>/<base offset>.log}), oldest first. */
    public static List<String> segments(Path logDir, String partition) {
        return list(logDir.resolve(partition)).stream().filter(n -> n.matches("[0-9]{20}\\.log"))
                .map(n -> partition + "/" + n).toList();
    }

    /** The oldest segment (closed if the partition has rolled). */
    public static String firstSegment(Path logDir, String partition) {
        return segments(logDir, partition).get(0);
    }

    /** The newest (active) segment. */
    public static String activeSegment(Path logDir, String partition) {
        List<String> s = segments(logDir, partition);
        return s.get(s.size() - 1);
    }

    /** A file with the same base name and another suffix, e.g. the .index of a .log. */
    public static String sibling(String segmentLog, String suffix) {
        return segmentLog.substring(0, segmentLog.length() - ".log".length()) + suffix;
    }

    /** The first file (by name) in a partition that ends with {@code suffix}. */
    public static String firstWithSuffix(Path logDir, String partition, String suffix) {
        return list(logDir.resolve(partition)).stream().filter(n -> n.endsWith(suffix)).findFirst()
                .map(n -> partition + "/" + n)
                .orElseThrow(() -> new IllegalArgumentException("no *" + suffix + " in " + partition));
    }

    /** The latest metadata snapshot ({@code __cluster_metadata-0/<offset>-<epoch>.checkpoint}, highest name). */
    public static String latestMetadataSnapshot(Path logDir) {
        List<String> s = list(logDir.resolve("__cluster_metadata-0")).stream().filter(n -> n.endsWith(".checkpoint")).toList();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("no metadata snapshot in " + logDir);
        }
        return "__cluster_metadata-0/" + s.get(s.size() - 1);
    }

    /** One record batch in a segment or snapshot file: where it starts and how long it is (12-byte overhead included). */
    public record Batch(long position, long baseOffset, int size, int recordCount) {
    }

    /** The record batches of a .log or snapshot file, walked by their length fields up to the first bad one. */
    public static List<Batch> batches(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        List<Batch> out = new ArrayList<>();
        int pos = 0;
        while (pos + BATCH_HEADER <= bytes.length) {
            long base = buf.getLong(pos);
            int length = buf.getInt(pos + 8);
            if (length < BATCH_HEADER - LOG_OVERHEAD || pos + LOG_OVERHEAD + length > bytes.length) {
                break;
            }
            out.add(new Batch(pos, base, LOG_OVERHEAD + length, buf.getInt(pos + 57)));
            pos += LOG_OVERHEAD + length;
        }
        return out;
    }

    /** The batch in the middle of the file (index size/2) that has a records section. */
    public static Batch middleBatch(Path file) {
        List<Batch> b = batches(file).stream().filter(x -> x.size() > BATCH_HEADER).toList();
        if (b.isEmpty()) {
            throw new IllegalArgumentException("no record batch in " + file);
        }
        return b.get(b.size() / 2);
    }

    private static List<String> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
