package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.format.segment.BatchIndex;
import dev.kfsck.core.format.segment.IndexVerifier;
import dev.kfsck.core.format.segment.OffsetIndexView;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentScan;
import dev.kfsck.core.format.segment.SegmentScanner;
import dev.kfsck.core.format.segment.TimeIndexView;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The constant-memory index check gives the same findings as {@link IndexVerifier}, which keeps every batch of the
 * segment in memory, on every real segment of the fixtures and on sorted indexes made of real and random entries.
 */
class StreamingIndexCheckTest {

    @TempDir
    Path tmp;

    private record Segment(Path log, String rel, long base) {
    }

    private List<Segment> segments() throws Exception {
        List<Segment> out = new ArrayList<>();
        for (String scenario : Fixtures.available()) {
            Manifest m = Fixtures.manifest(scenario);
            Path dir = Fixtures.copy(scenario, tmp.resolve(scenario)).resolve(m.firstNode().logDir());
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                    out.add(new Segment(p, dir.relativize(p).toString(), SegmentScanner.baseOffsetOf(p.getFileName().toString())));
                }
            }
        }
        return out;
    }

    @Test
    void realIndexesGiveTheSameFindingsAsTheVerifier() throws Exception {
        int checked = 0;
        for (Segment s : segments()) {
            Path idx = sibling(s.log(), ".index");
            Path tidx = sibling(s.log(), ".timeindex");
            if (!Files.exists(idx) || !Files.exists(tidx)) continue;
            OffsetIndexView o = OffsetIndexView.parse(idx, s.rel() + ".index", s.base(), true).model();
            TimeIndexView t = TimeIndexView.parse(tidx, s.rel() + ".timeindex", s.base(), true).model();
            assertEquals(expected(s, o, t), streaming(s, o, t), s.rel());
            checked++;
        }
        assertTrue(checked > 50, "segments checked: " + checked);
    }

    @Test
    void sortedIndexesOfRealAndRandomEntriesGiveTheSameFindings() throws Exception {
        Random random = new Random(7);
        int withFindings = 0;
        List<Segment> segs = segments().stream().filter(s -> size(s.log()) > 0).toList();
        for (int round = 0; round < 300; round++) {
            Segment s = segs.get(random.nextInt(segs.size()));
            SegmentScan scan = SegmentScanner.scan(s.log(), s.rel(), ScanOptions.full().withBatchIndex(true));
            BatchIndex batches = scan.batchIndex();
            OffsetIndexView o = OffsetIndexView.parse(s.rel() + ".index", offsetIndex(random, batches, s.base()), s.base(), true).model();
            TimeIndexView t = TimeIndexView.parse(s.rel() + ".timeindex", timeIndex(random, batches, s.base()), s.base(), true).model();
            List<String> want = expected(s, o, t);
            assertEquals(want, streaming(s, o, t), s.rel() + " round " + round);
            if (!want.isEmpty()) withFindings++;
        }
        assertTrue(withFindings > 100, "rounds with findings: " + withFindings);
    }

    /** Strictly increasing positions: batch starts (some with a wrong offset) and random positions and offsets. */
    private static ByteBuffer offsetIndex(Random r, BatchIndex b, long base) {
        TreeSet<Integer> positions = new TreeSet<>();
        List<int[]> entries = new ArrayList<>();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            boolean real = b.size() > 0 && r.nextInt(3) > 0;
            int pos = real ? (int) b.position(r.nextInt(b.size())) : r.nextInt((int) Math.min(Integer.MAX_VALUE, b.logSize() + 200));
            if (pos == 0 || !positions.add(pos)) continue;
            int k = b.batchAt(pos);
            int rel = k >= 0 && r.nextInt(4) > 0 ? (int) (b.lastOffset(k) - base) : r.nextInt(2000) - 100;
            entries.add(new int[] {pos, rel == 0 ? 1 : rel});
        }
        entries.sort(Comparator.comparingInt(e -> e[0]));
        ByteBuffer buf = ByteBuffer.allocate(entries.size() * 8);
        for (int[] e : entries) buf.putInt(e[1]).putInt(e[0]);
        return buf.flip();
    }

    /** Non-decreasing offsets: batch ends and random offsets, with non-zero timestamps. */
    private static ByteBuffer timeIndex(Random r, BatchIndex b, long base) {
        TreeSet<Integer> rels = new TreeSet<>();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            boolean real = b.size() > 0 && r.nextInt(3) > 0;
            int rel = real ? (int) (b.lastOffset(r.nextInt(b.size())) - base) : r.nextInt(2000) - 100;
            rels.add(rel);
        }
        ByteBuffer buf = ByteBuffer.allocate(rels.size() * 12);
        long ts = 1_000;
        for (int rel : rels) buf.putLong(ts++).putInt(rel);
        return buf.flip();
    }

    private static List<String> expected(Segment s, OffsetIndexView o, TimeIndexView t) throws Exception {
        SegmentScan scan = SegmentScanner.scan(s.log(), s.rel(), ScanOptions.full().withBatchIndex(true));
        List<Finding> f = new ArrayList<>(IndexVerifier.verify(o, scan));
        f.addAll(IndexVerifier.verify(t, scan));
        return keys(f);
    }

    private static List<String> streaming(Segment s, OffsetIndexView o, TimeIndexView t) throws Exception {
        StreamingIndexCheck check = new StreamingIndexCheck(o, t, size(s.log()));
        SegmentScanner.scan(s.log(), s.rel(), ScanOptions.full().withListener(check));
        return keys(check.finish());
    }

    private static List<String> keys(List<Finding> fs) {
        return fs.stream().map(f -> f.code().id() + " " + f.location() + " " + f.message()).sorted().toList();
    }

    private static Path sibling(Path log, String ext) {
        String n = log.getFileName().toString();
        return log.resolveSibling(n.substring(0, n.length() - 4) + ext);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
