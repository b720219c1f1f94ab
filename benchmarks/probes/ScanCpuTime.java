import dev.kfsck.core.format.segment.ByteSource;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentScanner;
import dev.kfsck.core.io.ByteWindows;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Thread CPU time per batch of one way of validating a corpus: less sensitive than JMH's wall clock to other
 * processes on a shared machine (a time-sliced thread is not charged while it waits), though caches and the second
 * hyper-thread are still shared. Minimum and median of REPS scans after warm-up scans, in one JVM.
 *
 * <pre>
 * java -Xmx1g [-Dsrc=MAPPED|READ|AUTO] [-Dwindow=BYTES] -cp benchmarks/target/benchmarks.jar \
 *     benchmarks/probes/ScanCpuTime.java CORPUS_DIR full|headers|preloaded|kafka [REPS]
 * </pre>
 * {@code preloaded} scans maps loaded beforehand ({@code ByteWindows.of(map)}: the walk and the CRC alone);
 * {@code kafka} is {@code FileRecords.batches()} with {@code ensureValid()} (its GC threads' CPU is not counted).
 */
public class ScanCpuTime {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String mode = args[1];
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        List<Path> files = new ArrayList<>();
        try (var s = Files.walk(dir)) {
            s.filter(p -> p.toString().endsWith(".log") && !p.toString().contains("__cluster_metadata")).sorted()
                    .forEach(files::add);
        }
        ByteSource source = ByteSource.valueOf(System.getProperty("src", "MAPPED"));
        int window = Integer.getInteger("window", 0);
        ScanOptions options = (mode.equals("headers") ? ScanOptions.headersOnly() : ScanOptions.full())
                .withSource(source, window);
        List<MappedByteBuffer> maps = new ArrayList<>();
        if (mode.equals("preloaded")) {
            for (Path p : files) {
                try (FileChannel ch = FileChannel.open(p)) {
                    maps.add(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).load());
                }
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] cpu = new double[reps];
        double[] wall = new double[reps];
        long batches = 0;
        for (int r = mode.equals("kafka") ? -3 : -15; r < reps; r++) {
            long w0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            batches = 0;
            for (int k = 0; k < files.size(); k++) {
                Path p = files.get(k);
                if (mode.equals("kafka")) {
                    try (FileRecords records = FileRecords.open(p.toFile(), false)) {
                        for (FileChannelRecordBatch b : records.batches()) {
                            b.ensureValid();
                            batches++;
                        }
                    }
                } else if (mode.equals("preloaded")) {
                    batches += SegmentScanner.scan(ByteWindows.of(maps.get(k).duplicate().clear()),
                            p.getFileName().toString(), options).batchCount();
                } else {
                    batches += SegmentScanner.scan(p, p.getFileName().toString(), options).batchCount();
                }
            }
            if (r >= 0) {
                cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / (double) batches;
                wall[r] = (System.nanoTime() - w0) / (double) batches;
            }
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf("%s %s: cpu min %.1f median %.1f | wall min %.1f median %.1f ns/batch (%d batches, load %s)%n",
                mode, mode.equals("kafka") || mode.equals("preloaded") ? "" : source, cpu[0], cpu[reps / 2], wall[0],
                wall[reps / 2], batches, Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }
}
