package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.format.segment.BatchHeader;
import dev.kfsck.core.format.segment.BatchListener;
import dev.kfsck.core.format.segment.IndexCodes;
import dev.kfsck.core.format.segment.OffsetIndexView;
import dev.kfsck.core.format.segment.TimeIndexView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a segment's {@code .index} and {@code .timeindex} against its batches while the segment is scanned (rule
 * R18), in constant memory: the batches arrive in file order, and the entries of a sane index are sorted the same
 * way, so one cursor per index is enough. The same rules as {@code IndexVerifier}, which needs every batch in memory:
 * an offset-index entry must point at the start of a batch whose last offset is the entry's; a time-index entry's
 * offset must be some batch's last offset; nothing may point past the segment. Entries after the first one that goes
 * backwards are not matched (the index parser reports that entry; a merge cannot follow a disordered index).
 */
final class StreamingIndexCheck implements BatchListener {

    /** Findings listed per code and file, as the format parsers do. */
    private static final int CAP = 100;

    private final OffsetIndexView offsets;
    private final int offsetLimit;
    private final TimeIndexView times;
    private final int timeLimit;
    private final long logSize;

    private int oi;
    private int ti;
    private long lastOffset = -1;
    private final List<Pending> pending = new ArrayList<>();
    /** Time-index entries below the base offset, reported at the end with the segment's last offset. */
    private final List<Integer> timeBelowBase = new ArrayList<>();
    private final Capped findings = new Capped();

    /**
     * An offset-index entry that does not match the batch at its position ({@code batchLast} ≥ 0) or points between
     * batches ({@code batchLast} = -1). Its code depends on the segment's last offset, known only at the end: past it,
     * the entry lies outside the segment.
     */
    private record Pending(int entry, long offset, long position, long batchLast, boolean outside) {
    }

    StreamingIndexCheck(OffsetIndexView offsets, TimeIndexView times, long logSize) {
        this.offsets = offsets;
        this.offsetLimit = offsets == null ? 0 : sortedPrefix(offsets);
        this.times = times;
        this.timeLimit = times == null ? 0 : sortedPrefix(times);
        this.logSize = logSize;
    }

    @Override
    public void onBatch(BatchHeader batch) {
        long pos = batch.filePosition();
        long last = batch.lastOffset();
        lastOffset = Math.max(lastOffset, last);
        while (oi < offsetLimit && offsets.position(oi) < pos) {
            notOnBatch(oi++);
        }
        if (oi < offsetLimit && offsets.position(oi) == pos) {
            long offset = offsets.offset(oi);
            if (offsets.relativeOffset(oi) < 0) {
                defer(new Pending(oi, offset, pos, last, true));
            } else if (offset != last) {
                defer(new Pending(oi, offset, pos, last, false));
            }
            oi++;
        }
        while (ti < timeLimit && times.offset(ti) <= last) {
            long offset = times.offset(ti);
            if (times.relativeOffset(ti) < 0) {
                if (timeBelowBase.size() < 2 * CAP) timeBelowBase.add(ti);
                else findings.countOnly(times.file(), IndexCodes.TIME_INDEX_PAST_SEGMENT);
            } else if (offset != last) {
                timeNotBatchEnd(ti);
            }
            ti++;
        }
    }

    /** The findings, once the scan is over. */
    List<Finding> finish() {
        for (Pending p : pending) {
            if (p.outside() || p.offset() > lastOffset) {
                pastSegmentAt(p.entry(), p.offset(), p.position());
            } else if (p.batchLast() < 0) {
                notOnBatchAt(p.entry(), p.position());
            } else {
                findings.add(offsets.file(), IndexCodes.OFFSET_INDEX_OFFSET_MISMATCH, entryAt(p.entry(), OffsetIndexView.ENTRY_SIZE),
                        OffsetIndexView.ENTRY_SIZE, "entry " + p.entry() + " says offset " + p.offset() + " but the batch at byte "
                                + p.position() + " ends at offset " + p.batchLast(), Evidence.of(p.offset(), p.batchLast()));
            }
        }
        for (; oi < offsetLimit; oi++) {
            long offset = offsets.offset(oi);
            int pos = offsets.position(oi);
            if (offsets.relativeOffset(oi) < 0 || pos < 0 || pos >= logSize || offset > lastOffset) pastSegment(oi);
            else notOnBatchAt(oi, pos);
        }
        for (int i : timeBelowBase) timePastSegment(i);
        for (; ti < timeLimit; ti++) {
            if (times.relativeOffset(ti) < 0 || times.offset(ti) > lastOffset) timePastSegment(ti);
            else timeNotBatchEnd(ti);
        }
        return findings.list();
    }

    private void defer(Pending p) {
        if (pending.size() < 2 * CAP) pending.add(p);
        else findings.countOnly(offsets.file(), p.outside() ? IndexCodes.OFFSET_INDEX_PAST_SEGMENT
                : p.batchLast() < 0 ? IndexCodes.OFFSET_INDEX_NOT_ON_BATCH : IndexCodes.OFFSET_INDEX_OFFSET_MISMATCH);
    }

    private void notOnBatch(int i) {
        int pos = offsets.position(i);
        boolean outside = pos < 0 || pos >= logSize || offsets.relativeOffset(i) < 0;
        defer(new Pending(i, offsets.offset(i), pos, -1, outside));
    }

    private void notOnBatchAt(int i, long pos) {
        findings.add(offsets.file(), IndexCodes.OFFSET_INDEX_NOT_ON_BATCH, entryAt(i, OffsetIndexView.ENTRY_SIZE),
                OffsetIndexView.ENTRY_SIZE, "entry " + i + " points at byte " + pos + ", which is not the start of a batch",
                Evidence.of(pos, "a batch start"));
    }

    private void pastSegment(int i) {
        pastSegmentAt(i, offsets.offset(i), offsets.position(i));
    }

    private void pastSegmentAt(int i, long offset, long pos) {
        findings.add(offsets.file(), IndexCodes.OFFSET_INDEX_PAST_SEGMENT, entryAt(i, OffsetIndexView.ENTRY_SIZE),
                OffsetIndexView.ENTRY_SIZE, "entry " + i + " (offset " + offset + ", position " + pos
                        + ") lies outside the segment (" + logSize + " bytes, last offset " + lastOffset + ")",
                Evidence.of(offset + "@" + pos, "<= " + lastOffset + "@<" + logSize));
    }

    private void timePastSegment(int i) {
        findings.add(times.file(), IndexCodes.TIME_INDEX_PAST_SEGMENT, entryAt(i, TimeIndexView.ENTRY_SIZE),
                TimeIndexView.ENTRY_SIZE, "entry " + i + " offset " + times.offset(i) + " lies outside the segment (last offset "
                        + lastOffset + ")", Evidence.of(times.offset(i), "<= " + lastOffset));
    }

    private void timeNotBatchEnd(int i) {
        findings.add(times.file(), IndexCodes.TIME_INDEX_NOT_BATCH_END, entryAt(i, TimeIndexView.ENTRY_SIZE),
                TimeIndexView.ENTRY_SIZE, "entry " + i + " offset " + times.offset(i) + " is not the last offset of any batch",
                Evidence.of(times.offset(i), "a batch's last offset"));
    }

    private static long entryAt(int i, int size) {
        return (long) i * size;
    }

    /** Entries before the first one whose position (offset index) goes backwards or stands still. */
    private static int sortedPrefix(OffsetIndexView v) {
        for (int i = 1; i < v.entries(); i++) {
            if (v.position(i) <= v.position(i - 1)) return i;
        }
        return v.entries();
    }

    /** Entries before the first one whose offset goes backwards. */
    private static int sortedPrefix(TimeIndexView v) {
        for (int i = 1; i < v.entries(); i++) {
            if (v.relativeOffset(i) < v.relativeOffset(i - 1)) return i;
        }
        return v.entries();
    }

    /** Findings listed up to a cap per (file, code); the rest are counted in one summary. */
    private static final class Capped {
        private final List<Finding> list = new ArrayList<>();
        private final Map<String, int[]> listed = new LinkedHashMap<>();
        private final Map<String, int[]> total = new LinkedHashMap<>();
        private final Map<String, FindingCode> codes = new LinkedHashMap<>();

        void add(String file, FindingCode code, long offset, long length, String message, Evidence evidence) {
            String key = countOnly(file, code);
            int[] n = listed.computeIfAbsent(key, k -> new int[1]);
            if (n[0] >= CAP) return;
            n[0]++;
            list.add(code.at(Location.at(file, offset, length), message, evidence));
        }

        String countOnly(String file, FindingCode code) {
            String key = file + " " + code.id();
            codes.putIfAbsent(key, code);
            total.computeIfAbsent(key, k -> new int[1])[0]++;
            return key;
        }

        List<Finding> list() {
            List<Finding> all = new ArrayList<>(list);
            total.forEach((key, n) -> {
                int shown = listed.getOrDefault(key, new int[1])[0];
                if (n[0] > shown) {
                    String file = key.substring(0, key.lastIndexOf(' '));
                    all.add(IndexCodes.MORE_FINDINGS.at(Location.file(file), (n[0] - shown) + " more " + codes.get(key).id()
                            + " findings not listed", Evidence.of(n[0] + " in all", shown + " listed")));
                }
            });
            return all;
        }
    }
}
