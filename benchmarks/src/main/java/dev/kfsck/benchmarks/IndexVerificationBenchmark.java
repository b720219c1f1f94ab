package dev.kfsck.benchmarks;

import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.segment.BatchIndex;
import dev.kfsck.core.format.segment.IndexVerifier;
import dev.kfsck.core.format.segment.OffsetIndexView;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentScan;
import dev.kfsck.core.format.segment.SegmentScanner;
import dev.kfsck.core.format.segment.TimeIndexView;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.storage.internals.log.AbstractIndex;
import org.apache.kafka.storage.internals.log.CorruptIndexException;
import org.apache.kafka.storage.internals.log.OffsetIndex;
import org.apache.kafka.storage.internals.log.OffsetPosition;
import org.apache.kafka.storage.internals.log.TimeIndex;
import org.apache.kafka.storage.internals.log.TimestampOffset;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Verifying every {@code .index} and {@code .timeindex} entry of a corpus against its segment's batches: kfsck's
 * index views and {@link IndexVerifier} beside Kafka 4.3.1's {@link OffsetIndex} and {@link TimeIndex}.
 *
 * <ul>
 *   <li>{@link #kfsckIndexVerify}: parse both indexes (mapped, in place) and check every entry against the batch
 *       positions and last offsets that the segment scan collected (the batch index comes from the setup, as
 *       {@code kfsck check} gets it from the scan it does anyway);</li>
 *   <li>{@link #kfsckScanAndIndexVerify}: the whole per-segment work of {@code check}: a full scan collecting the batch
 *       index, then both index checks;</li>
 *   <li>{@link #kafkaIndexVerify}: what {@code kafka-dump-log --index-sanity-check}-style verification costs with
 *       Kafka's classes: open both indexes (read-only, on temp copies, because their constructors create and map
 *       files), {@code sanityCheck()}, then for each offset-index entry read the batch at its position and compare
 *       its last offset, and for each time-index entry look the offset up in the offset index and walk batches from
 *       there to the one ending at that offset.</li>
 * </ul>
 * The score is the time for the whole corpus; the setup prints the number of index entries.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IndexVerificationBenchmark {

    /** The folder holding the corpus' segments; the default is the small committed smoke fixture. */
    @Param({"testdata/fixtures/single-4.3-kill"})
    public String corpus;

    private final List<Segment> segments = new ArrayList<>();
    private Path copies;

    private record Segment(Path log, String name, long baseOffset, boolean active, Path index, Path timeIndex,
                           Path indexCopy, Path timeIndexCopy, BatchIndex batches) {
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        copies = Files.createTempDirectory("kfsck-bench-index");
        List<Path> logs = Corpus.segments(corpus);
        long entries = 0;
        for (int i = 0; i < logs.size(); i++) {
            Path log = logs.get(i);
            String stem = log.getFileName().toString().replace(".log", "");
            Path index = log.resolveSibling(stem + ".index");
            Path timeIndex = log.resolveSibling(stem + ".timeindex");
            if (!Files.isRegularFile(index) || !Files.isRegularFile(timeIndex)) continue;
            boolean active = i + 1 == logs.size() || !logs.get(i + 1).getParent().equals(log.getParent());
            Path dir = Files.createDirectories(copies.resolve(Integer.toString(i)));
            Path indexCopy = Files.copy(index, dir.resolve(index.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Path timeCopy = Files.copy(timeIndex, dir.resolve(timeIndex.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            String name = log.getParent().getFileName() + "/" + log.getFileName();
            SegmentScan scan = SegmentScanner.scan(log, name, ScanOptions.full().withBatchIndex(true));
            long base = SegmentScanner.baseOffsetOf(name);
            segments.add(new Segment(log, name, base, active, index, timeIndex, indexCopy, timeCopy, scan.batchIndex()));
            entries += Files.size(index) / OffsetIndexView.ENTRY_SIZE + Files.size(timeIndex) / TimeIndexView.ENTRY_SIZE;
        }
        System.out.printf("%nindexes: %d segments with both indexes, %d index slots%n", segments.size(), entries);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(copies)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** kfsck: both index files parsed and every entry checked against the batch index. Returns the findings. */
    @Benchmark
    public long kfsckIndexVerify() throws IOException {
        long findings = 0;
        for (Segment s : segments) {
            findings += verifyIndexes(s, s.batches);
        }
        return findings;
    }

    /** kfsck: full segment scan with the batch index, then both index checks. */
    @Benchmark
    public long kfsckScanAndIndexVerify() throws IOException {
        long findings = 0;
        for (Segment s : segments) {
            SegmentScan scan = SegmentScanner.scan(s.log, s.name, ScanOptions.full().withBatchIndex(true));
            findings += scan.findings().size() + verifyIndexes(s, scan.batchIndex());
        }
        return findings;
    }

    private static long verifyIndexes(Segment s, BatchIndex batches) throws IOException {
        Parsed<OffsetIndexView> idx = OffsetIndexView.parse(s.index, s.name, s.baseOffset, s.active);
        Parsed<TimeIndexView> tidx = TimeIndexView.parse(s.timeIndex, s.name, s.baseOffset, s.active);
        return idx.findings().size() + tidx.findings().size()
                + IndexVerifier.verify(idx.model(), batches).size() + IndexVerifier.verify(tidx.model(), batches).size();
    }

    /** Kafka's own check (the zero slack of a killed broker's active segment fails it); 1 when it throws. */
    private static int sanityCheck(AbstractIndex index) {
        try {
            index.sanityCheck();
            return 0;
        } catch (CorruptIndexException e) {
            return 1;
        }
    }

    /** Kafka: OffsetIndex/TimeIndex on temp copies, sanityCheck, every entry checked against the batch it names. */
    @Benchmark
    public long kafkaIndexVerify() throws IOException {
        long mismatches = 0;
        for (Segment s : segments) {
            OffsetIndex idx = new OffsetIndex(s.indexCopy.toFile(), s.baseOffset, -1, false);
            TimeIndex tidx = new TimeIndex(s.timeIndexCopy.toFile(), s.baseOffset, -1, false);
            try (FileRecords log = FileRecords.open(s.log.toFile(), false)) {
                mismatches += sanityCheck(idx) + sanityCheck(tidx);
                int size = log.sizeInBytes();
                for (int i = 0; i < idx.entries(); i++) {
                    OffsetPosition e = idx.entry(i);
                    if (e.position() >= size) {
                        mismatches++;
                        continue;
                    }
                    Iterator<FileChannelRecordBatch> it = log.slice(e.position(), size - e.position()).batches().iterator();
                    if (!it.hasNext() || it.next().lastOffset() != e.offset()) mismatches++;
                }
                for (int i = 0; i < tidx.entries(); i++) {
                    TimestampOffset t = tidx.entry(i);
                    int from = idx.lookup(t.offset()).position();
                    boolean found = false;
                    for (FileChannelRecordBatch b : log.slice(from, size - from).batches()) {
                        if (b.lastOffset() >= t.offset()) {
                            found = b.lastOffset() == t.offset();
                            break;
                        }
                    }
                    if (!found) mismatches++;
                }
            } finally {
                idx.closeHandler();
                tidx.closeHandler();
            }
        }
        return mismatches;
    }
}
