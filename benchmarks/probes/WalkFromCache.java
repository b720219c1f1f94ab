import dev.kfsck.core.format.segment.ByteSource;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentScan;
import dev.kfsck.core.format.segment.SegmentScanner;
import dev.kfsck.core.io.ByteWindows;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The walk alone, with its input in the CPU caches: the first BYTES of a segment read once into a direct buffer,
 * then scanned 3000 times (full and header-only); best ns per batch. Neither delivery nor DRAM is in the figure.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar benchmarks/probes/WalkFromCache.java SEGMENT.log BYTES</pre>
 */
public class WalkFromCache {
    public static void main(String[] a) throws Exception {
        Path p = Path.of(a[0]);
        int limit = Integer.parseInt(a[1]);
        ByteBuffer b = ByteBuffer.allocateDirect(limit);
        try (FileChannel ch = FileChannel.open(p)) { while (b.hasRemaining() && ch.read(b) > 0); }
        b.flip();
        // cut at a batch boundary
        int end = 0; while (end + 12 <= b.limit()) { int len = b.getInt(end + 8); if (end + 12 + len > b.limit()) break; end += 12 + len; }
        b.limit(end);
        for (int mode = 0; mode < 2; mode++) {
        ScanOptions opt = mode == 0 ? ScanOptions.full() : ScanOptions.headersOnly();
        long best = Long.MAX_VALUE; long n = 0;
        for (int r = 0; r < 3000; r++) {
            long t0 = System.nanoTime();
            SegmentScan s = SegmentScanner.scan(ByteWindows.of(b.duplicate()), p.getFileName().toString(), opt);
            long t = System.nanoTime() - t0;
            n = s.batchCount();
            if (r > 500) best = Math.min(best, t);
        }
        System.out.printf("%s bytes=%d batches=%d best %.2f ns/batch%n", mode == 0 ? "full" : "headers", end, n, best / (double) n);
        }
    }
}
