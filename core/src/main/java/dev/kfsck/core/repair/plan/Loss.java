package dev.kfsck.core.repair.plan;

import dev.kfsck.core.format.segment.Hole;

import java.util.ArrayList;
import java.util.List;

/**
 * What a segment repair costs one partition, in offsets and records, computed from the scans before anything is
 * written.
 *
 * @param partition    the partition folder, e.g. {@code orders-0}
 * @param from         the first offset given up (the log end offset a truncation leaves)
 * @param to           the last offset given up, or {@code from - 1} when no valid batch is given up
 * @param records      records in the valid batches given up
 * @param batches      valid batches given up
 * @param damagedBytes damaged bytes removed (their records cannot be counted: their headers are not trustworthy)
 * @param allZero      every damaged byte is zero
 * @param text         the statement for the plan
 */
record Loss(String partition, long from, long to, long records, long batches, long damagedBytes, boolean allZero, String text) {

    /** True when the repair gives up no record at all: only zero bytes after the last batch go. */
    boolean isNothing() {
        return batches == 0 && allZero && to < from;
    }

    /** Cutting after the last valid batch of {@code surveys[k]} and dropping every later segment. */
    static Loss ofTruncation(String partition, List<SegmentSurvey> surveys, int k) {
        SegmentSurvey cut = surveys.get(k);
        long from = cut.scan().nextOffset();
        List<SegmentSurvey.Batch> lost = new ArrayList<>(cut.from(cut.scan().validBytes()));
        long end = cut.lastNextOffset();
        long damaged = cut.damagedBytes();
        boolean zero = cut.damageAllZero();
        for (int i = k + 1; i < surveys.size(); i++) {
            SegmentSurvey s = surveys.get(i);
            lost.addAll(s.batches());
            end = Math.max(end, s.lastNextOffset());
            damaged += s.damagedBytes();
            zero &= s.damageAllZero();
        }
        long records = SegmentSurvey.records(lost);
        long to = Math.max(end, from) - 1;
        String text;
        if (lost.isEmpty() && zero) {
            text = partition + ": no record lost, only " + damaged + " zero bytes after the last batch are cut";
        } else if (lost.isEmpty()) {
            text = partition + ": the damaged tail from offset " + from + " on is dropped (" + damaged
                    + " bytes; the records in them cannot be counted: their headers are not trustworthy); no valid batch is lost";
        } else {
            text = partition + ": offsets " + from + ".." + to + " are dropped: " + records + " records in " + lost.size()
                    + " valid batches, plus " + damaged + " damaged bytes whose records cannot be counted";
        }
        return new Loss(partition, from, to, records, lost.size(), damaged, zero, text);
    }

    /** Cutting out only the damaged bytes of every damaged segment; each segment's successor bounds a damaged tail. */
    static Loss ofExcision(String partition, List<SegmentSurvey> surveys) {
        List<String> parts = new ArrayList<>();
        long damaged = 0;
        long first = Long.MAX_VALUE;
        long last = -1;
        for (int i = 0; i < surveys.size(); i++) {
            if (!surveys.get(i).damaged()) continue;
            Loss l = ofExcision(partition, surveys.subList(i, i + 1), i + 1 < surveys.size() ? surveys.get(i + 1).scan().fileBaseOffset() : -1);
            parts.add(l.text().substring(partition.length() + 2));
            damaged += l.damagedBytes();
            first = Math.min(first, l.from());
            last = Math.max(last, l.to());
        }
        return new Loss(partition, first, last, 0, 0, damaged, false, partition + ": " + String.join("; ", parts));
    }

    /** Cutting out the damaged bytes of one segment, whose next segment starts at {@code nextBase} (-1 for none). */
    static Loss ofExcision(String partition, List<SegmentSurvey> one, long nextBase) {
        SegmentSurvey s = one.get(0);
        List<String> gaps = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = -1;
        for (Hole h : s.scan().holes()) {
            long from = h.nextOffsetBefore();
            long to = h.firstOffsetAfter() >= 0 ? h.firstOffsetAfter() - 1 : nextBase >= 0 ? nextBase - 1 : -1;
            first = Math.min(first, from);
            if (to >= from) {
                last = Math.max(last, to);
                gaps.add("offsets " + from + ".." + to + " (at most " + (to - from + 1) + " records, " + h.length() + " damaged bytes)");
            } else if (h.allZero()) {
                gaps.add(h.length() + " zero bytes after offset " + (from - 1) + " (nothing lost)");
            } else {
                gaps.add("the damaged tail from offset " + from + " on (" + h.length() + " bytes; its records cannot be counted)");
            }
        }
        String text = partition + ": in " + s.rel() + " " + String.join(", ", gaps) + " are cut out; every valid batch is kept";
        return new Loss(partition, first, last, 0, 0, s.damagedBytes(), s.damageAllZero(), text);
    }
}
