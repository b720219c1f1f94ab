package dev.kfsck.benchmarks;

import dev.kfsck.core.format.segment.ByteSource;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentScanner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kfsck's full validation with each byte source and window size, to place {@link ByteSource#AUTO}'s threshold and
 * the default windows: memory maps (window = map size) against positional reads into one reused direct buffer
 * (window = buffer size). Same scoring as {@link SegmentValidationBenchmark}: one operation validates the corpus.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ByteSourceBenchmark {

    @Param({"testdata/fixtures/single-4.3-kill"})
    public String corpus;

    @Param({"MAPPED", "READ", "READ_AHEAD"})
    public ByteSource source;

    /** Window bytes: 0 = the source's default (256 MiB maps, 4 MiB read buffer). */
    @Param({"0", "262144", "1048576", "16777216"})
    public int window;

    private List<Path> files;
    private ScanOptions options;

    @Setup
    public void setUp() {
        files = Corpus.segments(corpus);
        options = ScanOptions.full().withSource(source, window);
    }

    @Benchmark
    public long kfsckFull() throws IOException {
        long batches = 0;
        for (Path p : files) {
            batches += SegmentScanner.scan(p, p.getFileName().toString(), options).batchCount();
        }
        return batches;
    }
}
