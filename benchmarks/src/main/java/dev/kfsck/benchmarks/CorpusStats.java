package dev.kfsck.benchmarks;

import dev.kfsck.core.format.segment.BatchHeader;
import dev.kfsck.core.format.segment.BatchListener;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentScan;
import dev.kfsck.core.format.segment.SegmentScanner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Describes a corpus as one JSON line: segments, bytes, batches, records, batches per codec, the largest segment,
 * and findings (a benchmark corpus should have none). The batch count turns JMH's bytes per operation (one operation
 * validates the whole corpus) into bytes per batch.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.kfsck.benchmarks.CorpusStats DIR...}
 */
public final class CorpusStats {

    private CorpusStats() {
    }

    public static void main(String[] args) throws Exception {
        for (String dir : args) {
            System.out.println(describe(dir));
        }
    }

    static String describe(String dir) throws Exception {
        List<Path> files = Corpus.segments(dir);
        long[] codecs = new long[8];
        long[] records = new long[1];
        BatchListener count = new BatchListener() {
            @Override
            public void onBatch(BatchHeader b) {
                codecs[b.compressionCodec() & 7]++;
                records[0] += Math.max(b.recordCount(), 0);
            }
        };
        long batches = 0;
        long findings = 0;
        long largest = 0;
        for (Path p : files) {
            SegmentScan s = SegmentScanner.scan(p, p.getFileName().toString(), ScanOptions.full().withListener(count));
            batches += s.batchCount();
            findings += s.findings().size();
            largest = Math.max(largest, Files.size(p));
        }
        return String.format("{\"corpus\":\"%s\",\"segments\":%d,\"bytes\":%d,\"largestSegment\":%d,\"batches\":%d,"
                        + "\"records\":%d,\"codecBatches\":{\"none\":%d,\"gzip\":%d,\"snappy\":%d,\"lz4\":%d,\"zstd\":%d},"
                        + "\"findings\":%d}",
                dir, files.size(), Corpus.totalBytes(files), largest, batches, records[0], codecs[0], codecs[1],
                codecs[2], codecs[3], codecs[4], findings);
    }
}
