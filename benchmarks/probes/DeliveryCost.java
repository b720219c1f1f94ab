import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What bringing a corpus' bytes in costs without any scan, in thread CPU time (minimum of 20 passes): a fresh
 * read-only map of each file with one byte read every STRIDE bytes (4096: every page; 65536: one per fault-around
 * block), then unmapped as kfsck does; and positional reads of each file into one reused direct buffer.
 *
 * <pre>java benchmarks/probes/DeliveryCost.java CORPUS_DIR BATCHES</pre>
 */
public class DeliveryCost {
    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        try (var s = Files.walk(Path.of(args[0]))) {
            s.filter(p -> p.toString().endsWith(".log") && !p.toString().contains("__cluster_metadata")).sorted()
                    .forEach(files::add);
        }
        double batches = Double.parseDouble(args[1]);
        Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
        Field f = unsafeClass.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        Object unsafe = f.get(null);
        Method invokeCleaner = unsafeClass.getMethod("invokeCleaner", ByteBuffer.class);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int stride : new int[] {65536, 4096}) {
            long best = Long.MAX_VALUE;
            for (int r = 0; r < 20; r++) {
                long c0 = threads.getCurrentThreadCpuTime();
                for (Path p : files) {
                    try (FileChannel ch = FileChannel.open(p)) {
                        MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
                        for (int i = 0; i < m.capacity(); i += stride) sink += m.get(i);
                        invokeCleaner.invoke(unsafe, m);
                    }
                }
                best = Math.min(best, threads.getCurrentThreadCpuTime() - c0);
            }
            System.out.printf("map, touch every %d bytes, unmap: %.1f ns/batch%n", stride, best / batches);
        }
        for (int size : new int[] {64 << 10, 256 << 10, 1 << 20, 4 << 20}) {
            ByteBuffer b = ByteBuffer.allocateDirect(size);
            long best = Long.MAX_VALUE;
            for (int r = 0; r < 20; r++) {
                long c0 = threads.getCurrentThreadCpuTime();
                for (Path p : files) {
                    try (FileChannel ch = FileChannel.open(p)) {
                        for (long pos = 0; pos < ch.size(); ) {
                            b.clear();
                            int n = ch.read(b, pos);
                            if (n <= 0) break;
                            pos += n;
                            sink += b.get(0);
                        }
                    }
                }
                best = Math.min(best, threads.getCurrentThreadCpuTime() - c0);
            }
            System.out.printf("pread into a %d-byte direct buffer: %.1f ns/batch%n", size, best / batches);
        }
        System.out.println("(" + sink + ")");
    }
}
