package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.segment.BatchHeader;
import dev.kfsck.core.format.segment.BatchListener;
import dev.kfsck.core.format.segment.OffsetIndexView;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentCodes;
import dev.kfsck.core.format.segment.SegmentIssue;
import dev.kfsck.core.format.segment.SegmentScan;
import dev.kfsck.core.format.segment.SegmentScanner;
import dev.kfsck.core.format.segment.TimeIndexView;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scans every segment of {@code __cluster_metadata-0} with full validation, as Kafka's recovery does at every start
 * (recovery point 0, unclean shutdown assumed), and works out what recovery keeps: the batches up to the first damage,
 * with every later segment deleted. Each segment's offset and time indexes are checked against its batches in the same
 * scan; recovery rebuilds them, so their damage is only a warning.
 *
 * @param logStart      the first segment's base offset (Kafka's log start for the metadata log)
 * @param logEnd        the log end offset after recovery
 * @param batches       the batches recovery keeps
 * @param findings      the segment findings, with Kafka's reaction for the metadata log
 * @param truncatedAt   the segment (relative path) recovery truncates, or null when the log is intact
 * @param deleted       segments after it, which recovery deletes
 * @param segmentFiles  every segment, relative path, in offset order
 */
record MetadataLogScan(long logStart, long logEnd, MetadataBatches batches, List<Finding> findings, String truncatedAt,
                       List<String> deleted, List<String> segmentFiles) {

    private static final Map<String, Damage> DAMAGE_BY_CODE = Map.of(
            SegmentCodes.CRC_MISMATCH.id(), Damage.CORRUPT_BATCH,
            SegmentCodes.LEGACY_CRC_MISMATCH.id(), Damage.CORRUPT_BATCH,
            SegmentCodes.BATCH_TOO_SMALL.id(), Damage.CORRUPT_BATCH,
            SegmentCodes.DATA_AFTER_DAMAGE.id(), Damage.CORRUPT_BATCH,
            SegmentCodes.BATCH_PAST_END.id(), Damage.TORN_TAIL,
            SegmentCodes.TORN_TAIL.id(), Damage.TORN_TAIL,
            SegmentCodes.ZERO_TAIL.id(), Damage.ZERO_TAIL,
            SegmentCodes.OFFSETS_BACKWARDS.id(), Damage.OFFSETS_BACKWARDS);

    static MetadataLogScan scan(LogDirContext ctx, PartitionDir dir, boolean cleanShutdown) throws IOException {
        List<SegmentFiles> segments = dir.segments().stream().filter(s -> s.log() != null).toList();
        List<Long> bases = segments.stream().map(SegmentFiles::baseOffset).toList();
        RecoveryModel recovery = new RecoveryModel(true, cleanShutdown, 0, bases);
        MetadataBatches batches = new MetadataBatches();
        List<Finding> findings = new ArrayList<>();
        List<String> files = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        long logStart = bases.isEmpty() ? 0 : bases.get(0);
        long logEnd = logStart;
        String truncatedAt = null;
        for (SegmentFiles s : segments) {
            String rel = ctx.relative(s.log());
            files.add(rel);
            Collector c = new Collector();
            boolean slackIsNormal = !cleanShutdown && recovery.isActive(s.baseOffset());
            Indexes indexes = Indexes.open(ctx, s, slackIsNormal, Files.size(s.log()));
            SegmentScan scan = SegmentScanner.scan(s.log(), rel,
                    ScanOptions.full().withListener(EpochProbe.both(c, indexes.check())));
            for (Finding f : indexes.findings()) findings.add(asRebuilt(f, recovery, s.baseOffset()));
            boolean afterTruncation = truncatedAt != null;
            for (SegmentIssue issue : scan.issues()) {
                Finding f = issue.finding();
                Damage d = DAMAGE_BY_CODE.get(f.code().id());
                if (afterTruncation) {
                    f = new Finding(f.code(), f.severity(), KafkaReaction.TRUNCATES_ON_RECOVERY, f.location(),
                            f.message() + " (recovery deletes this whole segment: " + truncatedAt + " before it is truncated)",
                            f.evidence());
                } else if (d != null) {
                    f = f.withReaction(recovery.reactionTo(d, s.baseOffset()));
                }
                findings.add(f);
            }
            if (afterTruncation) {
                deleted.add(rel);
                findings.add(CrossFileCodes.MLOG_SEGMENT_DELETED.at(Location.file(rel), "recovery truncates " + truncatedAt
                                + " and then deletes this whole segment"
                                + (scan.batchCount() > 0 ? ": offsets " + scan.firstOffset() + ".." + scan.lastOffset() + " ("
                                + scan.batchCount() + " valid batches) are lost" : ""),
                        Evidence.of(scan.batchCount() + " valid batches, " + scan.size() + " bytes", "kept by recovery")));
                continue;
            }
            for (long[] b : c.batches) {
                if (b[0] < scan.validBytes()) batches.add(rel, b[0], b[1], b[2], (int) b[3]);
            }
            logEnd = scan.nextOffset();
            if (scan.validBytes() < scan.size()) truncatedAt = rel;
        }
        return new MetadataLogScan(logStart, logEnd, batches, findings, truncatedAt, deleted, files);
    }

    /**
     * Index damage in the metadata log: recovery resets and rebuilds every segment's indexes at every start, and the
     * index sanity checks are not run on load (fact sheet §7.3), so nothing worse happens.
     */
    private static Finding asRebuilt(Finding f, RecoveryModel recovery, long base) {
        Damage d = LogEndModel.damageOf(f.code());
        return d == null ? f : f.withReaction(recovery.reactionTo(d, base));
    }

    /** A segment's offset and time indexes, parsed, with the check that matches them against the batches. */
    private record Indexes(List<Finding> parsed, StreamingIndexCheck check) {

        static Indexes open(LogDirContext ctx, SegmentFiles s, boolean slackIsNormal, long logSize) throws IOException {
            List<Finding> parsed = new ArrayList<>();
            OffsetIndexView offsets = null;
            TimeIndexView times = null;
            if (s.index() != null && Files.isRegularFile(s.index())) {
                Parsed<OffsetIndexView> p = OffsetIndexView.parse(s.index(), ctx.relative(s.index()), s.baseOffset(), slackIsNormal);
                parsed.addAll(p.findings());
                offsets = p.model();
            }
            if (s.timeIndex() != null && Files.isRegularFile(s.timeIndex())) {
                Parsed<TimeIndexView> p = TimeIndexView.parse(s.timeIndex(), ctx.relative(s.timeIndex()), s.baseOffset(), slackIsNormal);
                parsed.addAll(p.findings());
                times = p.model();
            }
            return new Indexes(parsed, new StreamingIndexCheck(offsets, times, logSize));
        }

        /** Every finding, once the segment has been scanned. */
        List<Finding> findings() {
            List<Finding> all = new ArrayList<>(parsed);
            all.addAll(check.finish());
            return all;
        }
    }

    /** Copies what it needs of each accepted batch: position, base offset, last offset, epoch. */
    private static final class Collector implements BatchListener {
        final List<long[]> batches = new ArrayList<>();

        @Override
        public void onBatch(BatchHeader b) {
            batches.add(new long[] {b.filePosition(), b.baseOffset(), b.lastOffset(), b.partitionLeaderEpoch()});
        }
    }
}
