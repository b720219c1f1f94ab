package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.format.segment.Hole;
import dev.kfsck.core.format.segment.IndexCodes;
import dev.kfsck.core.format.segment.SegmentCodes;
import dev.kfsck.core.format.segment.SegmentIssue;
import dev.kfsck.core.format.segment.SegmentScan;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What Kafka's log loader makes of a data partition's segments (fact sheet §6.8): which segment recovery cuts, which
 * later segments it deletes with it, the log end offset and log start offset that result, and the reaction to each
 * segment or index finding given where it lies.
 */
final class LogEndModel {

    private static final Map<FindingCode, Damage> DAMAGE = Map.ofEntries(
            Map.entry(SegmentCodes.CRC_MISMATCH, Damage.CORRUPT_BATCH),
            Map.entry(SegmentCodes.LEGACY_CRC_MISMATCH, Damage.CORRUPT_BATCH),
            Map.entry(SegmentCodes.BATCH_TOO_SMALL, Damage.CORRUPT_BATCH),
            Map.entry(SegmentCodes.BATCH_PAST_END, Damage.CORRUPT_BATCH),
            Map.entry(SegmentCodes.DATA_AFTER_DAMAGE, Damage.CORRUPT_BATCH),
            Map.entry(SegmentCodes.TORN_TAIL, Damage.TORN_TAIL),
            Map.entry(SegmentCodes.ZERO_TAIL, Damage.ZERO_TAIL),
            Map.entry(SegmentCodes.OFFSETS_BACKWARDS, Damage.OFFSETS_BACKWARDS),
            Map.entry(IndexCodes.OFFSET_INDEX_LENGTH, Damage.BAD_INDEX),
            Map.entry(IndexCodes.OFFSET_INDEX_NOT_INCREASING, Damage.BAD_INDEX),
            Map.entry(IndexCodes.OFFSET_INDEX_PAST_SEGMENT, Damage.BAD_INDEX),
            Map.entry(IndexCodes.OFFSET_INDEX_NOT_ON_BATCH, Damage.BAD_INDEX),
            Map.entry(IndexCodes.OFFSET_INDEX_OFFSET_MISMATCH, Damage.BAD_INDEX),
            Map.entry(IndexCodes.OFFSET_INDEX_ZERO_SLACK, Damage.BAD_INDEX),
            Map.entry(IndexCodes.TIME_INDEX_LENGTH, Damage.BAD_INDEX),
            Map.entry(IndexCodes.TIME_INDEX_TIMESTAMP_BACKWARDS, Damage.BAD_INDEX),
            Map.entry(IndexCodes.TIME_INDEX_OFFSET_BACKWARDS, Damage.BAD_INDEX),
            Map.entry(IndexCodes.TIME_INDEX_PAST_SEGMENT, Damage.BAD_INDEX),
            Map.entry(IndexCodes.TIME_INDEX_NOT_BATCH_END, Damage.BAD_INDEX),
            Map.entry(IndexCodes.TIME_INDEX_ZERO_SLACK, Damage.BAD_INDEX),
            Map.entry(IndexCodes.TXN_PARTIAL_ENTRY, Damage.LOST_ABORT));

    /**
     * The outcome of loading the partition.
     *
     * @param logStart       the log start offset Kafka sets
     * @param logEnd         the log end offset Kafka computes
     * @param filesStart     the first segment's base offset
     * @param filesEnd       the offset after the last valid batch in the files, as they are
     * @param cutSegment     the base of the segment recovery truncates, or -1
     * @param cutTo          the offset recovery truncates to, or -1
     * @param deletedAfter   segments recovery deletes after the cut one
     * @param allDeleted     the log start offset is past the log end: every segment is deleted
     * @param endUnknown     Kafka fails computing the log end (a zero tail read without recovery)
     * @param misreadEnd     the log end Kafka reads through the damaged offset index of an active segment it does not
     *                       recover, when that differs from the end in the files (then {@code logEnd}); else -1
     */
    record Outcome(long logStart, long logEnd, long filesStart, long filesEnd, long cutSegment, long cutTo, List<Long> deletedAfter,
                   boolean allDeleted, boolean endUnknown, long misreadEnd) {

        /** Offsets in the files that Kafka's load loses: by the recovery cut, or by deleting every segment. */
        long offsetsLost() {
            if (allDeleted) return Math.max(0, filesEnd - filesStart);
            return cutTo < 0 ? 0 : Math.max(0, filesEnd - cutTo);
        }
    }

    private LogEndModel() {
    }

    /** The damage kind of a segment or index code, or null when its reaction does not depend on the place. */
    static Damage damageOf(FindingCode code) {
        return DAMAGE.get(code);
    }

    static Outcome predict(List<SegmentExam> segments, RecoveryModel model, Long logStartCheckpoint) {
        long lso = logStartCheckpoint == null ? 0 : logStartCheckpoint;
        if (segments.isEmpty()) {
            return new Outcome(lso, lso, lso, lso, -1, -1, List.of(), false, false, -1);
        }
        long filesEnd = segments.stream().mapToLong(LogEndModel::filesEnd).max().orElse(0);
        long logEnd = -1;
        long cutSegment = -1;
        long cutTo = -1;
        List<Long> deleted = List.of();
        for (int i = 0; i < segments.size(); i++) {
            SegmentExam s = segments.get(i);
            if (!model.recovers(s.base())) continue;
            SegmentScan scan = s.scan();
            long backwards = firstBackwardOffsets(scan);
            long hole = scan.holes().isEmpty() ? Long.MAX_VALUE : scan.holes().get(0).start();
            if (backwards < hole) {
                cutTo = s.base();
            } else if (hole < Long.MAX_VALUE) {
                cutTo = scan.nextOffset();
            } else {
                continue;
            }
            cutSegment = s.base();
            logEnd = cutTo;
            deleted = segments.subList(i + 1, segments.size()).stream().map(SegmentExam::base).toList();
            break;
        }
        SegmentExam last = segments.get(segments.size() - 1);
        boolean endUnknown = false;
        long misreadEnd = -1;
        if (cutSegment < 0) {
            logEnd = filesEnd(last);
            endUnknown = !model.recovers(last.base()) && hasZeroTail(last.scan());
            Long throughIndex = endUnknown || model.recovers(last.base()) ? null : endThroughDamagedIndex(last);
            if (throughIndex != null && throughIndex != logEnd) {
                misreadEnd = throughIndex;
                logEnd = throughIndex;
            }
        }
        long firstBase = segments.get(0).base();
        if (lso > logEnd) {
            return new Outcome(lso, lso, firstBase, filesEnd, cutSegment, cutTo, deleted, true, endUnknown, misreadEnd);
        }
        return new Outcome(Math.max(lso, firstBase), logEnd, firstBase, filesEnd, cutSegment, cutTo, deleted, false, endUnknown,
                misreadEnd);
    }

    /**
     * The log end Kafka reads through the segment's offset index when that index is damaged (an IDX- finding other
     * than zero slack), or null: no damage, or the read cannot be told.
     */
    private static Long endThroughDamagedIndex(SegmentExam s) {
        boolean damaged = s.indexFindings().stream().anyMatch(f -> f.code().id().startsWith("IDX-")
                && f.code() != IndexCodes.OFFSET_INDEX_ZERO_SLACK && damageOf(f.code()) != null);
        if (!damaged || s.files().index() == null) return null;
        try {
            return IndexedLogEnd.readNextOffset(s.files().log(), s.files().index(), s.base());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The finding with the reaction Kafka has to it in this segment. Damage Kafka does not recover is served as it is,
     * so a warning becomes an error (zero slack in an index only slows lookups and stays a warning); an error Kafka
     * rebuilds away at startup becomes a warning.
     */
    static Finding react(Finding f, long segmentBase, RecoveryModel model) {
        Damage d = damageOf(f.code());
        if (d == null) return f;
        KafkaReaction r = model.reactionTo(d, segmentBase);
        Finding out = f.withReaction(r);
        boolean slack = f.code() == IndexCodes.OFFSET_INDEX_ZERO_SLACK || f.code() == IndexCodes.TIME_INDEX_ZERO_SLACK;
        boolean unrecovered = r == KafkaReaction.STARTUP_FATAL || r == KafkaReaction.SERVES_CORRUPT
                || (r == KafkaReaction.WRONG_LOOKUPS && !slack);
        if (unrecovered && f.severity() == Severity.WARN) out = out.withSeverity(Severity.ERROR);
        if (r == KafkaReaction.REBUILDS_ON_STARTUP && f.severity() == Severity.ERROR) out = out.withSeverity(Severity.WARN);
        return out;
    }

    /** The offset after the last valid batch anywhere in the file (after damage too), or the base when none. */
    static long filesEnd(SegmentExam s) {
        SegmentScan scan = s.scan();
        long last = scan.lastOffset();
        for (Hole h : scan.holes()) last = Math.max(last, h.lastOffsetAfter());
        return last < 0 ? scan.nextOffset() : last + 1;
    }

    /**
     * The byte position of the first batch whose offsets go backwards, or Long.MAX_VALUE. Kafka's recovery then
     * empties the whole segment (InvalidOffsetException).
     */
    static long firstBackwardOffsets(SegmentScan scan) {
        long first = Long.MAX_VALUE;
        for (SegmentIssue i : scan.issues()) {
            if (i.finding().code() == SegmentCodes.OFFSETS_BACKWARDS) first = Math.min(first, i.bytePosition());
        }
        return first;
    }

    private static boolean hasZeroTail(SegmentScan scan) {
        for (SegmentIssue i : scan.issues()) {
            if (i.finding().code() == SegmentCodes.ZERO_TAIL) return true;
        }
        return false;
    }
}
