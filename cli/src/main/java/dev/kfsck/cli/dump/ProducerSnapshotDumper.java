package dev.kfsck.cli.dump;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.segment.ProducerSnapshot;
import dev.kfsck.core.io.BoundedRead;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Producer-state snapshots ({@code <20 digits>.snapshot}): the header, each 46-byte producer entry, and what is wrong. */
public final class ProducerSnapshotDumper implements Dumper {

    private static final Pattern NAME = Pattern.compile("\\d{20}\\.snapshot(\\.deleted)?");
    /** Far above any real snapshot (46 bytes a producer). */
    static final int MAX_BYTES = 256 << 20;

    @Override
    public String kind() {
        return "producer-snapshot";
    }

    @Override
    public boolean handles(String fileName) {
        return NAME.matcher(fileName).matches();
    }

    @Override
    public void dump(Path file, DumpOptions options, DumpSink sink) throws IOException {
        BoundedRead.Result read = BoundedRead.read(file, MAX_BYTES);
        if (read.truncated()) sink.hole(read.bytes().length, read.size() - read.bytes().length, "not read: larger than " + MAX_BYTES + " bytes");
        Parsed<ProducerSnapshot> p = ProducerSnapshot.parse(SegmentDumper.relativeName(file), read.bytes());
        p.value().ifPresent(s -> {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("version", s.version());
            h.put("crc", String.format("%08x", s.storedCrc()));
            h.put("crcMatches", s.crcMatches());
            h.put("count", s.count());
            sink.entry(0, ProducerSnapshot.ENTRIES, "header", h);
            long pos = ProducerSnapshot.ENTRIES;
            for (ProducerSnapshot.Entry e : s.entries()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("producerId", e.producerId());
                m.put("epoch", (int) e.epoch());
                m.put("lastSequence", e.lastSequence());
                m.put("lastOffset", e.lastOffset());
                m.put("offsetDelta", e.offsetDelta());
                m.put("timestamp", e.timestamp());
                m.put("coordinatorEpoch", e.coordinatorEpoch());
                m.put("currentTxnFirstOffset", e.currentTxnFirstOffset());
                sink.entry(pos, ProducerSnapshot.ENTRY_SIZE, "producer", m);
                pos += ProducerSnapshot.ENTRY_SIZE;
            }
            if (pos < read.bytes().length) sink.hole(pos, read.bytes().length - pos, "bytes after the last whole entry");
        });
        for (Finding f : p.findings()) sink.finding(f);
    }
}
