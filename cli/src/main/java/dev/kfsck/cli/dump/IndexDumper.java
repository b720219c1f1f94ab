package dev.kfsck.cli.dump;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.segment.OffsetIndexView;
import dev.kfsck.core.format.segment.SegmentScanner;
import dev.kfsck.core.format.segment.TimeIndexView;
import dev.kfsck.core.format.segment.TxnIndexView;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Segment indexes: {@code .index} (relative offset → byte position, 8-byte entries), {@code .timeindex}
 * (timestamp → relative offset, 12 bytes) and {@code .txnindex} (aborted transactions, 34 bytes). Each entry with its
 * byte range, the preallocated zero slack after the entries, and what the index parser found. The index is read as
 * the active segment's, where zero slack is normal; {@code kfsck check} judges it against its segment.
 */
public final class IndexDumper implements Dumper {

    /** The three index kinds. */
    public enum Kind {
        OFFSET("offset-index", ".index"), TIME("time-index", ".timeindex"), TXN("txn-index", ".txnindex");

        final String name;
        final Pattern pattern;

        Kind(String name, String suffix) {
            this.name = name;
            this.pattern = Pattern.compile("\\d{20}" + Pattern.quote(suffix) + "(\\.deleted|\\.cleaned|\\.swap)?");
        }
    }

    private final Kind kind;

    public IndexDumper(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String kind() {
        return kind.name;
    }

    @Override
    public boolean handles(String fileName) {
        return kind.pattern.matcher(fileName).matches();
    }

    @Override
    public void dump(Path file, DumpOptions options, DumpSink sink) throws IOException {
        String rel = SegmentDumper.relativeName(file);
        long base = Math.max(0, SegmentScanner.baseOffsetOf(file.getFileName().toString()));
        List<Finding> findings = switch (kind) {
            case OFFSET -> {
                Parsed<OffsetIndexView> p = OffsetIndexView.parse(file, rel, base, true);
                p.value().ifPresent(v -> {
                    for (int i = 0; i < v.entries(); i++) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("relativeOffset", v.relativeOffset(i));
                        m.put("logOffset", v.offset(i));
                        m.put("position", v.position(i));
                        sink.entry((long) i * OffsetIndexView.ENTRY_SIZE, OffsetIndexView.ENTRY_SIZE, "entry", m);
                    }
                    slack(v.slackStart(), v.slackEnd(), sink);
                });
                yield p.findings();
            }
            case TIME -> {
                Parsed<TimeIndexView> p = TimeIndexView.parse(file, rel, base, true);
                p.value().ifPresent(v -> {
                    for (int i = 0; i < v.entries(); i++) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("timestamp", v.timestamp(i));
                        m.put("relativeOffset", v.relativeOffset(i));
                        m.put("logOffset", v.offset(i));
                        sink.entry((long) i * TimeIndexView.ENTRY_SIZE, TimeIndexView.ENTRY_SIZE, "entry", m);
                    }
                    slack(v.slackStart(), v.slackEnd(), sink);
                });
                yield p.findings();
            }
            case TXN -> {
                Parsed<TxnIndexView> p = TxnIndexView.parse(file, rel, base);
                p.value().ifPresent(v -> {
                    for (int i = 0; i < v.entries(); i++) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("version", (int) v.version(i));
                        m.put("producerId", v.producerId(i));
                        m.put("firstOffset", v.firstOffset(i));
                        m.put("lastOffset", v.lastOffset(i));
                        m.put("lastStableOffset", v.lastStableOffset(i));
                        sink.entry((long) i * TxnIndexView.ENTRY_SIZE, TxnIndexView.ENTRY_SIZE, "aborted-txn", m);
                    }
                });
                yield p.findings();
            }
        };
        for (Finding f : findings) sink.finding(f);
    }

    private static void slack(long start, long end, DumpSink sink) {
        if (end > start) sink.entry(start, end - start, "zeros", Map.of("bytes", end - start, "note", "preallocated, unused"));
    }
}
