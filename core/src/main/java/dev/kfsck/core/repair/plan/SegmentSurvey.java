package dev.kfsck.core.repair.plan;

import dev.kfsck.core.format.segment.BatchHeader;
import dev.kfsck.core.format.segment.BatchListener;
import dev.kfsck.core.format.segment.Hole;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentScan;
import dev.kfsck.core.format.segment.SegmentScanner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One segment scanned for a repair: the scan (prefix, holes) plus every valid batch with its byte range and record
 * count, those after damage included, so that a plan can say exactly which records a cut costs and what it salvages.
 *
 * @param path    the segment file
 * @param rel     its path relative to the log dir
 * @param scan    the full scan (CRC checked, resynchronised after damage)
 * @param batches every valid batch, in file order
 */
record SegmentSurvey(Path path, String rel, SegmentScan scan, List<Batch> batches) {

    /** A valid batch: where it lies, its offsets and how many records it holds. */
    record Batch(long position, int size, long baseOffset, long lastOffset, long records) {
        long end() {
            return position + size;
        }
    }

    static SegmentSurvey of(Path path, String rel) throws IOException {
        List<Batch> batches = new ArrayList<>();
        BatchListener collect = b -> batches.add(new Batch(b.filePosition(), b.sizeInBytes(), b.baseOffset(),
                b.lastOffset(), recordsOf(b)));
        SegmentScan scan = SegmentScanner.scan(path, rel, ScanOptions.full().withListener(collect));
        return new SegmentSurvey(path, rel, scan, List.copyOf(batches));
    }

    private static long recordsOf(BatchHeader b) {
        int count = b.recordCount();
        return count >= 0 ? count : b.lastOffset() - b.baseOffset() + 1;
    }

    boolean damaged() {
        return !scan.isClean();
    }

    /** The valid batches at or after byte {@code position}. */
    List<Batch> from(long position) {
        return batches.stream().filter(b -> b.position() >= position).toList();
    }

    /** The damaged bytes, summed over every hole. */
    long damagedBytes() {
        long n = 0;
        for (Hole h : scan.holes()) n += h.length();
        return n;
    }

    /** True when every damaged byte is zero (preallocated or never written space). */
    boolean damageAllZero() {
        return scan.holes().stream().allMatch(Hole::allZero);
    }

    /** The offset after the last valid batch anywhere in the file, or the file's base offset when there is none. */
    long lastNextOffset() {
        long next = scan.fileBaseOffset();
        for (Batch b : batches) next = Math.max(next, b.lastOffset() + 1);
        return next;
    }

    static long records(List<Batch> batches) {
        return batches.stream().mapToLong(Batch::records).sum();
    }
}
