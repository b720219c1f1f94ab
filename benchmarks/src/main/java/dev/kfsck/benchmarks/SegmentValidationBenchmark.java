package dev.kfsck.benchmarks;

import dev.kfsck.core.format.segment.ByteSource;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentScan;
import dev.kfsck.core.format.segment.SegmentScanner;
import dev.kfsck.core.io.ByteWindows;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * Validating every batch of a corpus of segments: Kafka's own recovery path against the CRC32C limit of the
 * machine, on the same files in one run. Each invocation validates the whole corpus; the score is the time for
 * that, so bytes per second = corpus bytes / score, and with {@code -prof gc} bytes allocated per batch =
 * {@code gc.alloc.rate.norm} / the batch count that the setup prints (also {@link CorpusStats}).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar -p corpus=/path/to/corpus -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SegmentValidationBenchmark {

    /** The folder holding the corpus' segments; the default is the small committed smoke fixture. */
    @Param({"testdata/fixtures/single-4.3-kill"})
    public String corpus;

    private List<Path> files;
    private final List<MappedByteBuffer> maps = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        files = Corpus.segments(corpus);
        for (Path p : files) {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
                m.load();
                maps.add(m);
            }
        }
        System.out.printf("%ncorpus: %d segments, %d bytes, %d batches%n", files.size(), Corpus.totalBytes(files),
                scanAll(FULL_AUTO));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        maps.clear();
    }

    private static final ScanOptions FULL_MAPPED = ScanOptions.full().withSource(ByteSource.MAPPED, 0);
    private static final ScanOptions FULL_READ = ScanOptions.full().withSource(ByteSource.READ, 0);
    private static final ScanOptions FULL_READ_AHEAD = ScanOptions.full().withSource(ByteSource.READ_AHEAD, 0);
    private static final ScanOptions FULL_AUTO = ScanOptions.full();
    private static final ScanOptions HEADERS_MAPPED = ScanOptions.headersOnly().withSource(ByteSource.MAPPED, 0);

    /** kfsck's full validation (headers and CRC32C of every batch), bytes brought in by memory maps. */
    @Benchmark
    public long kfsckFullMapped() throws IOException {
        return scanAll(FULL_MAPPED);
    }

    /** kfsck's full validation, bytes brought in by reads into one reused direct buffer. */
    @Benchmark
    public long kfsckFullRead() throws IOException {
        return scanAll(FULL_READ);
    }

    /** kfsck's full validation, bytes read by a helper thread ahead of the scan (the copy overlaps the CRC). */
    @Benchmark
    public long kfsckFullReadAhead() throws IOException {
        return scanAll(FULL_READ_AHEAD);
    }

    /** kfsck's full validation with the byte source it picks by file size (what {@code kfsck check} uses). */
    @Benchmark
    public long kfsckFullAuto() throws IOException {
        return scanAll(FULL_AUTO);
    }

    /** kfsck's header-only walk: lengths, offsets, epochs; no CRC. */
    @Benchmark
    public long kfsckHeadersOnly() throws IOException {
        return scanAll(HEADERS_MAPPED);
    }

    private long scanAll(ScanOptions options) throws IOException {
        long batches = 0;
        for (Path p : files) {
            SegmentScan scan = SegmentScanner.scan(p, p.getFileName().toString(), options);
            batches += scan.batchCount();
        }
        return batches;
    }

    /** Kafka 4.3.1's recovery path: {@code FileRecords.batches()} and {@code ensureValid()} on each batch. */
    @Benchmark
    public long kafkaFileRecordsEnsureValid() throws IOException {
        long batches = 0;
        for (Path p : files) {
            try (FileRecords records = FileRecords.open(p.toFile(), false)) {
                for (FileChannelRecordBatch batch : records.batches()) {
                    batch.ensureValid();
                    batches++;
                }
            }
        }
        return batches;
    }

    /** Kafka 4.3.1's batch walk alone: {@code FileRecords.batches()} and each batch's last offset, no CRC. */
    @Benchmark
    public long kafkaFileRecordsHeadersOnly() throws IOException {
        long sum = 0;
        for (Path p : files) {
            try (FileRecords records = FileRecords.open(p.toFile(), false)) {
                for (FileChannelRecordBatch batch : records.batches()) {
                    sum += batch.lastOffset();
                }
            }
        }
        return sum;
    }

    /**
     * kfsck's full validation over the maps the setup loaded: the walk and the CRC alone, without bringing bytes in
     * (compare with {@link #kfsckFullMapped}, which maps each file afresh, to see what delivery costs).
     */
    @Benchmark
    public long kfsckFullPreloaded() throws IOException {
        long batches = 0;
        for (int i = 0; i < files.size(); i++) {
            SegmentScan scan = SegmentScanner.scan(ByteWindows.of(maps.get(i).duplicate().clear()),
                    files.get(i).getFileName().toString(), FULL_AUTO);
            batches += scan.batchCount();
        }
        return batches;
    }

    /**
     * The cost of bringing bytes in by maps, without any scan: each file mapped afresh (as {@link #kfsckFullMapped}
     * does) and one byte read from every 4 KiB page, then unmapped.
     */
    @Benchmark
    public long mappedPageTouch() throws IOException {
        long sum = 0;
        for (Path p : files) {
            try (ByteWindows w = ByteWindows.mapped(p, ByteWindows.DEFAULT_MAP_WINDOW)) {
                for (long pos = 0; pos < w.size(); pos += w.maxWindow()) {
                    int n = (int) Math.min(w.size() - pos, w.maxWindow());
                    ByteBuffer b = w.cover(pos, n);
                    int from = (int) (pos - w.windowStart());
                    for (int i = from; i < from + n; i += 4096) sum += b.get(i);
                }
            }
        }
        return sum;
    }

    /** The limit: one CRC32C update over every byte of the corpus, already in memory. */
    @Benchmark
    public long crc32cLimit() {
        CRC32C crc = new CRC32C();
        for (MappedByteBuffer m : maps) {
            crc.update(m.duplicate().clear());
        }
        return crc.getValue();
    }
}
