import dev.kfsck.core.format.segment.ByteSource;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentScan;
import dev.kfsck.core.format.segment.SegmentScanner;
import dev.kfsck.core.io.ByteWindows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Read-ahead shapes on one corpus: chunk size, slots and helper threads, each the best of 20 passes (after 5) over
 * every segment, wall time per batch. How {@code ByteSource.READ_AHEAD}'s defaults were chosen.
 *
 * <pre>java -Xmx1g -cp benchmarks/target/benchmarks.jar benchmarks/probes/ReadAheadShapes.java CORPUS_DIR</pre>
 */
public class ReadAheadShapes {
    public static void main(String[] a) throws Exception {
        List<Path> files = new ArrayList<>();
        try (var s = Files.walk(Path.of(a[0]))) { s.filter(p -> p.toString().endsWith(".log") && !p.toString().contains("__cluster")).sorted().forEach(files::add); }
        int[][] configs = {{1 << 20, 6, 2}, {1 << 20, 6, 1}, {256 << 10, 8, 1}, {256 << 10, 8, 2}, {512 << 10, 4, 1}, {128 << 10, 8, 1}, {64 << 10, 16, 1}, {2 << 20, 6, 1}, {2 << 20, 6, 2}, {1 << 20, 4, 1}, {1 << 20, 3, 1}};
        ScanOptions opt = ScanOptions.full();
        for (int rep = 0; rep < 2; rep++)
        for (int[] c : configs) {
            long best = Long.MAX_VALUE; long n = 0;
            for (int r = 0; r < 25; r++) {
                long t0 = System.nanoTime(); n = 0;
                for (Path p : files) {
                    try (ByteWindows w = ByteWindows.readAhead(p, c[0], c[0], c[1], c[2])) {
                        n += SegmentScanner.scan(w, p.getFileName().toString(), opt).batchCount();
                    }
                }
                long t = System.nanoTime() - t0;
                if (r >= 5) best = Math.min(best, t);
            }
            if (rep == 1) System.out.printf("chunk %d buffers %d helpers %d: %.2f ns/batch%n", c[0], c[1], c[2], best / (double) n);
        }
    }
}
