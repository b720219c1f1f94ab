package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.format.checkpoint.EpochEntry;
import dev.kfsck.core.format.segment.EpochTransitions;

import java.util.ArrayList;
import java.util.List;

/**
 * A data partition's leader-epoch-checkpoint against the partition leader epochs its batches carry (fact sheet §4):
 * each entry of Kafka's cache (the file as Kafka's cache loads it) must start where its epoch starts in the batches;
 * each epoch the batches start must be listed at that offset; entries past the log end are dropped by Kafka.
 */
final class EpochCheck {

    /** Findings listed per code; the rest are summed up in one more. */
    private static final int CAP = 20;

    private final String file;
    private final byte[] bytes;
    private final List<EpochCache.Kept> cache;
    private final List<Finding> out = new ArrayList<>();
    private int mismatches;
    private int unlisted;

    private EpochCheck(String file, byte[] bytes, List<EpochCache.Kept> cache) {
        this.file = file;
        this.bytes = bytes;
        this.cache = cache;
    }

    /** The epoch rises of the whole log below {@code logEnd}, in offset order, from the segments' scans. */
    static List<EpochEntry> transitions(List<SegmentExam> segments, long logEnd) {
        List<EpochEntry> rises = new ArrayList<>();
        int latest = -1;
        for (SegmentExam s : segments) {
            EpochTransitions t = s.scan().epochs();
            for (int i = 0; i < t.size(); i++) {
                if (t.startOffset(i) >= logEnd) break;
                if (t.epoch(i) > latest) {
                    latest = t.epoch(i);
                    rises.add(new EpochEntry(t.epoch(i), t.startOffset(i)));
                }
            }
        }
        return rises;
    }

    /**
     * Compares Kafka's cache with the batches. {@code probe} saw the batches of every segment; {@code rises} are
     * {@link #transitions}; {@code logStart} and {@code logEnd} are what Kafka computes.
     */
    static List<Finding> check(String file, byte[] bytes, List<EpochCache.Kept> cache, EpochProbe probe,
                               List<EpochEntry> rises, long logStart, long logEnd, List<SegmentExam> segments,
                               RecoveryModel model) {
        EpochCheck c = new EpochCheck(file, bytes, cache);
        for (int k = 0; k < cache.size(); k++) c.entry(k, probe, rises, logStart, logEnd);
        c.unlisted(rises, segments, model);
        c.summary(PartitionCodes.LEC_EPOCH_MISMATCH, c.mismatches);
        c.summary(PartitionCodes.LEC_EPOCH_NOT_LISTED, c.unlisted);
        return c.out;
    }

    private void entry(int k, EpochProbe probe, List<EpochEntry> rises, long logStart, long logEnd) {
        EpochEntry e = cache.get(k).entry();
        Location at = lineOf(cache.get(k).fileIndex());
        String entry = e.epoch() + " " + e.startOffset();
        if (e.startOffset() > logEnd) {
            out.add(PartitionCodes.LEC_BEYOND_LOG_END.at(at, "entry " + entry + " starts past the log end " + logEnd
                    + "; Kafka drops it at load", Evidence.of(e.startOffset(), "<= " + logEnd)));
            return;
        }
        if (e.startOffset() == logEnd) return; // a leader assigns its epoch at the log end before it writes: normal
        int before = -1;
        for (EpochEntry r : rises) {
            if (r.startOffset() < e.startOffset()) before = r.epoch();
        }
        if (before >= e.epoch()) {
            mismatch(at, "entry " + entry + " says epoch " + e.epoch() + " starts at " + e.startOffset()
                    + ", but batches before that offset already carry epoch " + before, Evidence.of(entry, "an epoch above " + before));
            return;
        }
        long fb = probe.batchBase(k);
        int fe = probe.batchEpoch(k);
        if (fb < 0 || fe < 0) return;
        boolean inside = fb < e.startOffset() && !(k == 0 && e.startOffset() == logStart);
        if (inside || fe < e.epoch() || (fe > e.epoch() && fb == e.startOffset())) {
            String where = fb < e.startOffset() ? "the batch holding offset " + e.startOffset() + " starts at " + fb
                    : "the batch at offset " + fb;
            mismatch(at, "entry " + entry + " says epoch " + e.epoch() + " starts at " + e.startOffset() + ", but "
                    + where + " carries epoch " + fe, Evidence.of(entry, fe + " " + fb));
        }
    }

    private void unlisted(List<EpochEntry> rises, List<SegmentExam> segments, RecoveryModel model) {
        int latestCached = cache.isEmpty() ? -1 : cache.get(cache.size() - 1).entry().epoch();
        for (EpochEntry r : rises) {
            int cached = EpochCache.epochAt(cache, r.startOffset());
            if (cached == r.epoch()) continue;
            boolean rebuilt = r.epoch() > latestCached && model.recovers(segmentOf(segments, r.startOffset()));
            if (++unlisted > CAP) continue;
            Finding f = PartitionCodes.LEC_EPOCH_NOT_LISTED.at(Location.file(file), "batches start epoch " + r.epoch()
                    + " at offset " + r.startOffset() + ", but the checkpoint gives that offset epoch " + cached
                    + (rebuilt ? "; recovery adds the missing epoch at startup" : ""),
                    Evidence.of(cached, r.epoch() + " " + r.startOffset()));
            out.add(rebuilt ? f.withReaction(KafkaReaction.REBUILDS_ON_STARTUP) : f);
        }
    }

    private void mismatch(Location at, String message, Evidence evidence) {
        if (++mismatches > CAP) return;
        out.add(PartitionCodes.LEC_EPOCH_MISMATCH.at(at, message, evidence));
    }

    private void summary(FindingCode code, int n) {
        if (n > CAP) {
            out.add(code.at(Location.file(file), (n - CAP) + " more " + code.id() + " findings not listed",
                    Evidence.of(n + " in all", CAP + " listed")));
        }
    }

    private static long segmentOf(List<SegmentExam> segments, long offset) {
        long base = segments.isEmpty() ? 0 : segments.get(0).base();
        for (SegmentExam s : segments) {
            if (s.base() <= offset) base = s.base();
        }
        return base;
    }

    /** The byte range of entry {@code i}: line {@code i + 2}, as Kafka's line reader splits the file. */
    private Location lineOf(int entry) {
        int line = 0;
        int start = 0;
        for (int p = 0; p < bytes.length; p++) {
            byte b = bytes[p];
            if (b != '\n' && b != '\r') continue;
            if (line == entry + 2) return Location.at(file, start, p - start);
            if (b == '\r' && p + 1 < bytes.length && bytes[p + 1] == '\n') p++;
            line++;
            start = p + 1;
        }
        return line == entry + 2 && start < bytes.length ? Location.at(file, start, bytes.length - start) : Location.file(file);
    }
}
