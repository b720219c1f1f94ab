package dev.kfsck.cli.dump;

import dev.kfsck.core.format.segment.BatchHeader;
import dev.kfsck.core.format.segment.BatchListener;
import dev.kfsck.core.format.segment.HoleReason;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentScan;
import dev.kfsck.core.format.segment.SegmentScanner;
import dev.kfsck.core.finding.Finding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Segments ({@code <20 digits>.log}, and the {@code .deleted}, {@code .cleaned} and {@code .swap} leftovers of one):
 * every batch header with its byte range, every damaged range as a hole (the scan goes on after it), and with
 * {@code --records} the records of each batch, decoded with Kafka's classes.
 */
public final class SegmentDumper implements Dumper {

    private static final Pattern NAME = Pattern.compile("\\d{20}\\.log(\\.deleted|\\.cleaned|\\.swap)?");

    @Override
    public String kind() {
        return "segment";
    }

    @Override
    public boolean handles(String fileName) {
        return NAME.matcher(fileName).matches();
    }

    @Override
    public void dump(Path file, DumpOptions options, DumpSink sink) throws IOException {
        String rel = relativeName(file);
        RecordDecoder records = options.records() ? new RecordDecoder(RecordDecoder.contentOf(file.toAbsolutePath().toString())) : null;
        BatchListener listener = new BatchListener() {
            @Override
            public void onBatch(BatchHeader b) {
                sink.entry(b.filePosition(), b.sizeInBytes(), "batch", batchFields(b));
                if (records != null && b.wholeInBuffer()) {
                    ByteBuffer batch = b.buffer().duplicate();
                    batch.limit(b.index() + b.sizeInBytes()).position(b.index());
                    records.decode(batch, b.filePosition(), sink);
                }
            }

            @Override
            public void onHole(long start, long end, HoleReason reason) {
                sink.hole(start, end - start, reason.name().toLowerCase().replace('_', ' '));
            }
        };
        SegmentScan scan = SegmentScanner.scan(file, rel, ScanOptions.full().withListener(listener));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("batches", scan.totalBatchCount());
        summary.put("validBytes", scan.validBytes());
        summary.put("nextOffset", scan.nextOffset());
        summary.put("holes", scan.holes().size());
        sink.entry(-1, -1, "summary", summary);
        for (Finding f : scan.findings()) sink.finding(f);
    }

    static Map<String, Object> batchFields(BatchHeader b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("baseOffset", b.baseOffset());
        m.put("lastOffset", b.lastOffset());
        m.put("epoch", b.partitionLeaderEpoch());
        m.put("magic", (int) b.magic());
        m.put("records", b.recordCount());
        m.put("maxTimestamp", b.maxTimestamp());
        m.put("compression", codec(b.compressionCodec()));
        if (b.isTransactional()) m.put("transactional", true);
        if (b.isControl()) m.put("control", true);
        if (b.producerId() >= 0) {
            m.put("producerId", b.producerId());
            m.put("producerEpoch", (int) b.producerEpoch());
            m.put("baseSequence", b.baseSequence());
        }
        m.put("crc", String.format("%08x", b.storedCrc()));
        return m;
    }

    private static String codec(int c) {
        return switch (c) {
            case 0 -> "none";
            case 1 -> "gzip";
            case 2 -> "snappy";
            case 3 -> "lz4";
            case 4 -> "zstd";
            default -> "invalid(" + c + ")";
        };
    }

    /** {@code <partition folder>/<file name>}, the way findings name a file relative to its log dir. */
    static String relativeName(Path file) {
        Path abs = file.toAbsolutePath();
        Path parent = abs.getParent();
        String name = abs.getFileName().toString();
        return parent == null || parent.getFileName() == null ? name : parent.getFileName() + "/" + name;
    }
}
