package dev.kfsck.cli.dump;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.metadata.BatchInfo;
import dev.kfsck.core.format.metadata.MetadataSnapshot;
import dev.kfsck.core.format.metadata.MetadataSnapshotFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * KRaft snapshots ({@code <endOffset>-<epoch>.checkpoint}, also {@code .part} and {@code .deleted} leftovers) and
 * {@code bootstrap.checkpoint}: each batch with its byte range, the bytes between and after valid batches as holes,
 * what the snapshot holds (header, footer, record counts, kraft.version, voters), and with {@code --records} every
 * record decoded with Kafka's metadata serde.
 */
public final class MetadataSnapshotDumper implements Dumper {

    private static final Pattern NAME = Pattern.compile("\\d{20}-\\d{10}(-\\d+)?\\.checkpoint(\\.part|\\.deleted)?");

    @Override
    public String kind() {
        return "metadata-snapshot";
    }

    @Override
    public boolean handles(String fileName) {
        return NAME.matcher(fileName).matches() || fileName.equals(MetadataSnapshotFile.BOOTSTRAP_FILE);
    }

    @Override
    public void dump(Path file, DumpOptions options, DumpSink sink) throws IOException {
        String rel = SegmentDumper.relativeName(file);
        if (file.getFileName().toString().equals(MetadataSnapshotFile.BOOTSTRAP_FILE)) rel = MetadataSnapshotFile.BOOTSTRAP_FILE;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer bytes = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            Parsed<MetadataSnapshot> parsed = MetadataSnapshotFile.parse(rel, bytes.duplicate());
            RecordDecoder records = options.records() ? new RecordDecoder(RecordDecoder.Content.METADATA) : null;
            long covered = 0;
            MetadataSnapshot snap = parsed.model();
            if (snap != null) {
                for (BatchInfo b : snap.batches()) {
                    if (b.position() > covered) sink.hole(covered, b.position() - covered, "no valid batch here");
                    sink.entry(b.position(), b.sizeInBytes(), "batch", batchFields(b));
                    if (records != null && b.position() + b.sizeInBytes() <= ch.size()) {
                        ByteBuffer batch = bytes.duplicate();
                        batch.limit((int) (b.position() + b.sizeInBytes())).position((int) b.position());
                        records.decode(batch, b.position(), sink);
                    }
                    covered = Math.max(covered, b.position() + b.sizeInBytes());
                }
                if (covered < ch.size()) sink.hole(covered, ch.size() - covered, "no valid batch here");
                sink.entry(-1, -1, "summary", summary(snap));
            } else if (ch.size() > 0) {
                sink.hole(0, ch.size(), "not readable as a snapshot");
            }
            for (Finding f : parsed.findings()) sink.finding(f);
        }
    }

    private static Map<String, Object> batchFields(BatchInfo b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("baseOffset", b.baseOffset());
        m.put("lastOffset", b.lastOffset());
        m.put("epoch", b.partitionLeaderEpoch());
        m.put("records", b.declaredRecords());
        if (b.control()) m.put("control", true);
        if (!b.crcValid()) m.put("crcValid", false);
        return m;
    }

    private static Map<String, Object> summary(MetadataSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        s.id().ifPresent(id -> m.put("snapshotId", id.toString()));
        m.put("bootstrap", s.bootstrap());
        m.put("headerFirst", s.headerFirst());
        m.put("footerLast", s.footerLast());
        s.lastContainedLogTimestamp().ifPresent(t -> m.put("lastContainedLogTimestamp", t));
        s.kraftVersion().ifPresent(v -> m.put("kraftVersion", v));
        if (!s.voters().isEmpty()) m.put("voters", s.voters().stream().map(Object::toString).toList());
        m.put("dataRecords", s.dataRecords());
        m.put("recordTypes", new java.util.TreeMap<>(s.recordCounts()));
        m.put("validBytes", s.validBytes());
        m.put("intact", s.intact());
        return m;
    }
}
