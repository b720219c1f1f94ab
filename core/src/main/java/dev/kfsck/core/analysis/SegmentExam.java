package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.segment.BatchListener;
import dev.kfsck.core.format.segment.OffsetIndexView;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentScan;
import dev.kfsck.core.format.segment.SegmentScanner;
import dev.kfsck.core.format.segment.TimeIndexView;
import dev.kfsck.core.format.segment.TxnIndexView;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One segment examined: its {@code .log} scanned in full (headers and CRC of every batch), its offset and time
 * indexes checked against the batches during the same scan, and its transaction index parsed.
 *
 * @param files          the segment's files
 * @param logFile        the {@code .log} path relative to the log dir
 * @param scan           the scan of the {@code .log}
 * @param indexFindings  findings about the {@code .index} and {@code .timeindex}
 * @param txnFindings    findings about the {@code .txnindex}
 */
record SegmentExam(SegmentFiles files, String logFile, SegmentScan scan, List<Finding> indexFindings,
                   List<Finding> txnFindings) {

    SegmentExam {
        indexFindings = List.copyOf(indexFindings);
        txnFindings = List.copyOf(txnFindings);
    }

    long base() {
        return files.baseOffset();
    }

    /**
     * Examines a segment that has a {@code .log}. {@code slackIsNormal}: zero slack after the index entries is
     * expected (the active segment after an unclean stop). {@code also} receives every batch too.
     */
    static SegmentExam of(String folder, SegmentFiles s, boolean slackIsNormal, BatchListener also) throws IOException {
        List<Finding> indexFindings = new ArrayList<>();
        OffsetIndexView offsets = null;
        TimeIndexView times = null;
        if (s.index() != null) {
            Parsed<OffsetIndexView> p = OffsetIndexView.parse(s.index(), rel(folder, s.index()), s.baseOffset(), slackIsNormal);
            indexFindings.addAll(p.findings());
            offsets = p.model();
        }
        if (s.timeIndex() != null) {
            Parsed<TimeIndexView> p = TimeIndexView.parse(s.timeIndex(), rel(folder, s.timeIndex()), s.baseOffset(), slackIsNormal);
            indexFindings.addAll(p.findings());
            times = p.model();
        }
        String logFile = rel(folder, s.log());
        long size = java.nio.file.Files.size(s.log());
        StreamingIndexCheck indexCheck = new StreamingIndexCheck(offsets, times, size);
        SegmentScan scan = SegmentScanner.scan(s.log(), logFile, ScanOptions.full().withListener(EpochProbe.both(indexCheck, also)));
        indexFindings.addAll(indexCheck.finish());
        List<Finding> txn = new ArrayList<>();
        if (s.txnIndex() != null) {
            txn.addAll(TxnIndexView.parse(s.txnIndex(), rel(folder, s.txnIndex()), s.baseOffset()).findings());
        }
        return new SegmentExam(s, logFile, scan, indexFindings, txn);
    }

    static String rel(String folder, Path file) {
        return folder + "/" + file.getFileName();
    }
}
