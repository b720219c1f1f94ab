import dev.kfsck.core.format.segment.ByteSource;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentScan;
import dev.kfsck.core.format.segment.SegmentScanner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
/**
 * Where {@code ByteSource.AUTO} should switch to read-ahead: prefixes of 1-64 MiB of one segment (cut at a batch
 * boundary), each scanned many times with READ, MAPPED and READ_AHEAD; min and median ms per scan.
 *
 * <pre>java -Xmx1g -cp benchmarks/target/benchmarks.jar benchmarks/probes/AutoThreshold.java SEGMENT.log</pre>
 */
public class AutoThreshold {
    public static void main(String[] a) throws Exception {
        Path src = Path.of(a[0]);
        Path dir = Files.createTempDirectory("xover");
        for (int mb : new int[] {1, 2, 4, 8, 16, 32, 64}) {
            Path f = dir.resolve(String.format("%020d.log", 0));
            try (FileChannel in = FileChannel.open(src); FileChannel out = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                long want = (long) mb << 20, end = 0; ByteBuffer h = ByteBuffer.allocate(12);
                while (true) { h.clear(); in.read(h, end); int len = h.getInt(8); if (end + 12 + len > want) break; end += 12 + len; }
                in.transferTo(0, end, out);
            }
            int reps = Math.max(20, 2000 / mb);
            StringBuilder sb = new StringBuilder(String.format("%3d MiB:", mb));
            for (ByteSource s : new ByteSource[] {ByteSource.READ, ByteSource.MAPPED, ByteSource.READ_AHEAD}) {
                ScanOptions o = ScanOptions.full().withSource(s, 0);
                long[] t = new long[reps]; long n = 0;
                for (int w = 0; w < 2; w++)
                for (int r = 0; r < reps; r++) { long t0 = System.nanoTime(); n = SegmentScanner.scan(f, f.getFileName().toString(), o).batchCount(); t[r] = System.nanoTime() - t0; }
                Arrays.sort(t);
                sb.append(String.format("  %s min %.3f med %.3f ms", s, t[0] / 1e6, t[reps / 2] / 1e6));
            }
            System.out.println(sb);
        }
    }
}
