package dev.kfsck.core.format.segment;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.io.ByteWindows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

import static dev.kfsck.core.format.segment.RecordBatchView.HEADER_SIZE_UP_TO_MAGIC;
import static dev.kfsck.core.format.segment.RecordBatchView.LOG_OVERHEAD;
import static dev.kfsck.core.format.segment.RecordBatchView.RECORD_BATCH_OVERHEAD;

/** One scan of one segment: all the mutable state of {@link SegmentScanner}, used once. */
final class SegmentWalk {

    private static final int KAFKA_MIN_LENGTH = LegacyMessageView.RECORD_OVERHEAD_V0;
    private static final int SMALLEST_MESSAGE = LOG_OVERHEAD + KAFKA_MIN_LENGTH;

    private final ByteWindows bytes;
    private final String file;
    private final ScanOptions options;
    private final BatchListener listener;
    private final boolean notifyBatches;
    private final long size;
    private final long fileBase;
    private final boolean checkCrc;

    private final RecordBatchView v2 = new RecordBatchView();
    private final V2HeaderReads reads = new V2HeaderReads();
    private final LegacyMessageView legacy = new LegacyMessageView();
    private final CRC32C crc32c = new CRC32C();
    private final CRC32 crc32 = new CRC32();
    private final int maxWindow;
    private ByteBuffer window;
    private ByteBuffer scratch;
    /** The file position of index 0 of {@link #window}, cached so the per-batch path makes no extra calls. */
    private long windowStart;
    /**
     * The file bytes the walk may read in {@link #window} without asking again: from the position of the last
     * {@link ByteWindows#cover} request to the window's limit or the end of the file, whichever comes first (see
     * {@link ByteWindows#cover}: a window can hold stale bytes before the requested position, and a read buffer is
     * not filled past the end of the file). Batches inside [windowLow, windowEnd) need no call to cover.
     */
    private long windowLow;
    private long windowEnd;

    // the prefix: batches before the first damage, fixed at the first damage (or at the end)
    private boolean inPrefix = true;
    private long prefixCount;
    private long firstOffset = -1;
    private long lastOffset = -1;
    private long validBytes;
    private long firstBatchBase = -1;
    private long lastBatchLast = -1;

    // every valid batch
    private long totalCount;
    private long legacyCount;
    private long previousLastOffset = Long.MIN_VALUE;
    private long resyncFloor;
    private int maxEpoch = -1;
    private final EpochTransitions.Builder epochs = new EpochTransitions.Builder();
    private long maxTimestamp = -1;
    private long maxTimestampOffset = -1;
    private boolean hasControl;
    private boolean hasTransactional;
    private final ProducerIdSet producers = new ProducerIdSet(1 << 16);
    /** The previous batch's producer id: runs of one producer's batches skip the set lookup. */
    private long lastProducerId = -1;
    private final BatchIndex.Builder batchIndex;

    private final List<Hole> holes = new ArrayList<>();
    private HoleInProgress openHole;
    private final List<SegmentIssue> issues = new ArrayList<>();
    private final Map<FindingCode, int[]> findingCounts = new HashMap<>();

    SegmentWalk(ByteWindows bytes, String file, ScanOptions options) {
        this.bytes = bytes;
        this.file = file;
        this.options = options;
        this.listener = options.listener();
        this.notifyBatches = listener != BatchListener.NONE;
        this.size = bytes.size();
        this.maxWindow = bytes.maxWindow();
        this.fileBase = SegmentScanner.baseOffsetOf(file);
        this.checkCrc = options.mode() == ScanMode.FULL;
        this.batchIndex = options.collectBatchIndex() ? new BatchIndex.Builder() : null;
        this.resyncFloor = Math.max(0, fileBase);
    }

    SegmentScan run() throws IOException {
        if (fileBase < 0) {
            report(SegmentCodes.BAD_FILE_NAME, -1, -1, "segment file name does not start with a 20-digit base offset",
                    Evidence.of(file, "<20 digits>.log"), -1, -1);
        }
        if (size > Integer.MAX_VALUE) {
            report(SegmentCodes.TOO_LARGE, -1, -1, "segment is " + size + " bytes; Kafka refuses segments over 2147483647 bytes",
                    Evidence.of(size, "<= 2147483647"), -1, -1);
        }
        long p = 0;
        while (p >= 0 && p < size) {
            p = step(p);
        }
        closeHole();
        return build();
    }

    /**
     * Reads the batch at {@code p}; returns where the next one starts, or -1 when the scan is over. The common case,
     * a v2 batch of sane length already whole in the window, takes the short way: no window calls, the header
     * through {@link V2HeaderReads}, the CRC straight from the window. Everything else (and every batch that fails
     * a check) goes through {@link #checkedStep}, which decides exactly as Kafka's iterator and recovery do.
     */
    private long step(long p) throws IOException {
        int i = (int) (p - windowStart);
        if (p >= windowLow && p + RECORD_BATCH_OVERHEAD <= windowEnd && reads.at(i)) {
            long lengthAndEpoch = reads.lengthAndEpoch();
            long magicCrcAttributes = reads.magicCrcAttributes();
            int len = V2HeaderReads.length(lengthAndEpoch);
            long end = p + LOG_OVERHEAD + len;
            if (len >= RECORD_BATCH_OVERHEAD - LOG_OVERHEAD && end <= windowEnd
                    && V2HeaderReads.magic(magicCrcAttributes) == 2
                    && (!checkCrc || crcV2InWindow(i, len) == V2HeaderReads.crc(magicCrcAttributes))) {
                acceptV2(p, end, i, lengthAndEpoch, magicCrcAttributes);
                return end;
            }
        }
        return checkedStep(p);
    }

    /** The general path of {@link #step}: any magic, any length, batches longer than a window. */
    private long checkedStep(long p) throws IOException {
        long remaining = size - p;
        if (remaining <= HEADER_SIZE_UP_TO_MAGIC) {
            return damage(p, HoleReason.SHORT_TAIL, "only " + remaining + " bytes left, too few for a batch header");
        }
        int h = at(p, (int) Math.min(remaining, Math.min(RECORD_BATCH_OVERHEAD, maxWindow)));
        int len = window.getInt(h + RecordBatchView.BATCH_LENGTH);
        byte magic = window.get(h + RecordBatchView.MAGIC);
        if (len < KAFKA_MIN_LENGTH) {
            return damage(p, HoleReason.LENGTH_TOO_SMALL, "batch length " + len + " is below the minimum of 14");
        }
        long end = p + LOG_OVERHEAD + len;
        if (end > size) {
            return damage(p, HoleReason.LENGTH_PAST_END, "batch of " + (LOG_OVERHEAD + (long) len)
                    + " bytes would end at " + end + ", past the end of the file (" + size + ")");
        }
        boolean isV2 = magic >= 2;
        if (isV2 && end - p < RECORD_BATCH_OVERHEAD) {
            return damage(p, HoleReason.V2_TOO_SMALL, "v2 batch of " + (end - p) + " bytes is smaller than its 61-byte header");
        }
        boolean whole = end - p <= maxWindow;
        int i = at(p, (int) Math.min(end - p, maxWindow));
        if (checkCrc) {
            long stored = window.getInt(i + (isV2 ? RecordBatchView.CRC : LegacyMessageView.CRC)) & 0xFFFFFFFFL;
            long computed = whole ? crcInWindow(i, end - p, isV2) : crc(p, end, isV2);
            if (stored != computed) {
                return damage(p, isV2 ? HoleReason.CRC_MISMATCH : HoleReason.LEGACY_CRC_MISMATCH,
                        String.format("stored crc 0x%08x, computed 0x%08x", stored, computed));
            }
            if (!whole) i = at(p, maxWindow);
        }
        if (isV2) {
            if (!reads.at(i)) throw new IllegalStateException("a window of " + maxWindow + " bytes cannot hold a v2 header");
            acceptV2(p, end, i, reads.lengthAndEpoch(), reads.magicCrcAttributes());
        } else {
            acceptLegacy(p, end, i);
        }
        return end;
    }

    /** The index in {@link #window} of file position p, after making [p, p + length) readable if it was not. */
    private int at(long p, int length) throws IOException {
        if (p < windowLow || p + length > windowEnd) cover(p, length);
        return (int) (p - windowStart);
    }

    private ByteBuffer cover(long p, int length) throws IOException {
        windowEnd = windowLow; // nothing is readable until the new window is known (the old one may be unmapped)
        ByteBuffer w = bytes.cover(p, length);
        if (w != window) {
            window = w;
            scratch = w.duplicate();
        }
        reads.point(w);
        windowStart = bytes.windowStart();
        windowLow = p;
        windowEnd = Math.min(size, windowStart + w.limit());
        return w;
    }

    private int index(long p) {
        return (int) (p - windowStart);
    }

    /** {@link #crc} of a batch of {@code length} bytes whole in the window at index i: no window calls. */
    private long crcInWindow(int i, long length, boolean isV2) {
        Checksum c = isV2 ? crc32c : crc32;
        c.reset();
        scratch.limit(i + (int) length).position(i + (isV2 ? RecordBatchView.ATTRIBUTES : LegacyMessageView.MAGIC));
        c.update(scratch);
        return c.getValue();
    }

    /** CRC-32C of the v2 batch at index i whose length field is {@code len}, whole in the window. */
    private long crcV2InWindow(int i, int len) {
        crc32c.reset();
        scratch.limit(i + LOG_OVERHEAD + len).position(i + RecordBatchView.ATTRIBUTES);
        crc32c.update(scratch);
        return crc32c.getValue();
    }

    /** CRC-32C (v2, from the attributes) or CRC-32 (legacy, from the magic) of the batch [p, end), window by window. */
    private long crc(long p, long end, boolean isV2) throws IOException {
        Checksum c = isV2 ? crc32c : crc32;
        c.reset();
        long q = p + (isV2 ? RecordBatchView.ATTRIBUTES : LegacyMessageView.MAGIC);
        while (q < end) {
            int n = (int) Math.min(end - q, bytes.maxWindow());
            cover(q, n);
            int i = index(q);
            scratch.limit(i + n).position(i);
            c.update(scratch);
            q += n;
        }
        return c.getValue();
    }

    /**
     * Takes in the v2 batch [p, end) whose header is at index i of the window and under {@link #reads} (magic 2 or
     * above, length and CRC checked). Each field is read once; bytes 8-15 and 16-23 come in one read each.
     */
    private void acceptV2(long p, long end, int i, long lengthAndEpoch, long magicCrcAttributes) {
        long base = reads.baseOffset();
        long last = base + reads.lastOffsetDelta();
        long ts = reads.maxTimestamp();
        long pid = reads.producerId();
        int count = reads.recordCount();
        int epoch = V2HeaderReads.epoch(lengthAndEpoch);
        int attributes = V2HeaderReads.attributes(magicCrcAttributes);
        checkCommon(p, end, base, last, V2HeaderReads.magic(magicCrcAttributes), true, attributes);
        if (epoch != maxEpoch) epochChange(p, end, base, last, epoch);
        long span = last - base + 1;
        if (count < 0 || (span > 0 && count > span)) badRecordCount(p, end, base, last, count, span);
        if ((attributes & RecordBatchView.CONTROL_FLAG) != 0) hasControl = true;
        if ((attributes & RecordBatchView.TRANSACTIONAL_FLAG) != 0) hasTransactional = true;
        record(p, end, base, last, ts, pid);
        if (notifyBatches) listener.onBatch(v2.wrap(window, i, p));
    }

    private void badRecordCount(long p, long end, long base, long last, int count, long span) {
        report(SegmentCodes.BAD_RECORD_COUNT, p, end - p, "record count " + count + " for offsets " + base + ".." + last,
                Evidence.of(count, "0.." + span), base, last);
    }

    /** The leader epoch differs from the highest so far: a rise (a transition) or a step back (a finding). */
    private void epochChange(long p, long end, long base, long last, int epoch) {
        if (epoch < maxEpoch) {
            report(SegmentCodes.EPOCH_BACKWARDS, p, end - p, "leader epoch " + epoch + " after epoch " + maxEpoch,
                    Evidence.of(epoch, ">= " + maxEpoch), base, last);
        } else {
            maxEpoch = epoch;
        }
        if (epoch >= 0 && epoch > epochs.latest()) epochs.add(epoch, base);
    }

    /** Takes in the legacy message [p, end) at index i of the window (length and CRC checked). */
    private void acceptLegacy(long p, long end, int i) {
        LegacyMessageView b = legacy.wrap(window, i, p);
        long offset = b.offset();
        checkCommon(p, end, offset, offset, b.magic(), false, b.attributes());
        legacyCount++;
        record(p, end, offset, offset, b.maxTimestamp(), -1);
        if (notifyBatches) listener.onBatch(b);
    }

    /**
     * The count and the checks every batch gets whatever its format. Kept small enough for the JIT to inline into
     * the per-batch path: the findings are made in {@link #reportCommon}, called only when a check fails (and for
     * the first batch).
     */
    private void checkCommon(long p, long end, long base, long last, byte magic, boolean isV2, int attributes) {
        totalCount++;
        if (totalCount == 1 || (isV2 ? magic > 2 : magic < 0) || (attributes & RecordBatchView.COMPRESSION_MASK) > 4
                || last < base || base <= previousLastOffset
                || (fileBase >= 0 && (last - fileBase < 0 || last - fileBase > Integer.MAX_VALUE))) {
            reportCommon(p, end, base, last, magic, isV2, attributes);
        }
    }

    private void reportCommon(long p, long end, long base, long last, byte magic, boolean isV2, int attributes) {
        if (totalCount == 1) firstBatchBase = base;
        if (totalCount == 1 && fileBase >= 0) checkFirstOffset(p, end, base, last);
        if (isV2 ? magic > 2 : magic < 0) {
            report(SegmentCodes.UNKNOWN_MAGIC, p, end - p, "batch has magic " + magic, Evidence.of(magic, isV2 ? 2 : "0 or 1"), base, last);
        }
        int codec = attributes & RecordBatchView.COMPRESSION_MASK;
        if (codec > 4) {
            report(SegmentCodes.INVALID_COMPRESSION, p, end - p, "compression codec bits hold " + codec,
                    Evidence.of(String.format("attributes 0x%04x", attributes), "codec 0-4"), base, last);
        }
        if (last < base || base <= previousLastOffset) {
            report(SegmentCodes.OFFSETS_BACKWARDS, p, end - p, "batch offsets " + base + ".." + last + " follow offset "
                    + previousLastOffset, Evidence.of(base + ".." + last, "> " + previousLastOffset), base, last);
        }
        if (fileBase >= 0 && (last - fileBase < 0 || last - fileBase > Integer.MAX_VALUE) && !(totalCount == 1 && base < fileBase)) {
            report(SegmentCodes.OFFSET_OUT_OF_RANGE, p, end - p, "last offset " + last + " is " + (last - fileBase)
                    + " away from the segment base " + fileBase, Evidence.of(last - fileBase, "0.." + Integer.MAX_VALUE), base, last);
        }
    }

    /** What every accepted batch adds to the scan's totals. */
    private void record(long p, long end, long base, long last, long ts, long pid) {
        if (ts > maxTimestamp) {
            maxTimestamp = ts;
            maxTimestampOffset = last;
        }
        if (pid >= 0 && pid != lastProducerId) {
            producers.add(pid);
            lastProducerId = pid;
        }
        if (batchIndex != null) batchIndex.add(p, last, ts);
        if (openHole != null) openHole.batch(base, last, end);
        if (last > previousLastOffset) previousLastOffset = last;
        if (last + 1 > resyncFloor) resyncFloor = last + 1;
        lastBatchLast = last;
    }

    private void checkFirstOffset(long p, long end, long base, long last) {
        if (base < fileBase) {
            report(SegmentCodes.FIRST_OFFSET_BELOW_BASE, p, end - p, "first batch starts at offset " + base
                    + ", below the file name's base offset " + fileBase, Evidence.of(base, ">= " + fileBase), base, last);
        } else if (base > fileBase) {
            report(SegmentCodes.FIRST_OFFSET_GAP, p, end - p, "first batch starts at offset " + base
                    + ", above the file name's base offset " + fileBase, Evidence.of(base, fileBase), base, last);
        }
    }

    /** Records damage at p, finds the next valid batch (if asked), and returns where to go on (or -1). */
    private long damage(long p, HoleReason reason, String detail) throws IOException {
        if (inPrefix) endPrefix(p);
        closeHole();
        long next = options.resync() ? findNextBatch(p + 1) : -1;
        long holeEnd = next < 0 ? size : next;
        long nextOffsetBefore = previousLastOffset == Long.MIN_VALUE ? Math.max(fileBase, 0) : previousLastOffset + 1;
        openHole = new HoleInProgress(p, holeEnd, reason, allZero(p, holeEnd), nextOffsetBefore, detail);
        listener.onHole(p, holeEnd, reason);
        return next;
    }

    private void closeHole() {
        HoleInProgress h = openHole;
        if (h == null) return;
        openHole = null;
        Hole hole = new Hole(h.start, h.end, h.reason, h.allZero, h.nextOffsetBefore, h.batches, h.firstOffset,
                h.lastOffset, h.batches == 0 ? h.end : h.runEnd);
        holes.add(hole);
        boolean tail = h.end >= size;
        long len = h.end - h.start;
        FindingCode code;
        String what;
        if (tail && h.allZero) {
            code = SegmentCodes.ZERO_TAIL;
            what = len + " zero bytes at the end of the segment";
        } else if (tail && (h.reason == HoleReason.SHORT_TAIL || h.reason == HoleReason.LENGTH_PAST_END)) {
            code = SegmentCodes.TORN_TAIL;
            what = "partial batch of " + len + " bytes at the end of the segment";
        } else {
            code = switch (h.reason) {
                case CRC_MISMATCH -> SegmentCodes.CRC_MISMATCH;
                case LEGACY_CRC_MISMATCH -> SegmentCodes.LEGACY_CRC_MISMATCH;
                case LENGTH_PAST_END -> SegmentCodes.BATCH_PAST_END;
                case LENGTH_TOO_SMALL, V2_TOO_SMALL, SHORT_TAIL -> SegmentCodes.BATCH_TOO_SMALL;
            };
            what = (tail ? "damage from byte " + h.start + " to the end of the segment" : len + " damaged bytes ["
                    + h.start + ", " + h.end + ")") + (h.allZero ? ", all zero" : "");
        }
        long lastAfter = h.batches > 0 ? h.lastOffset : -1;
        report(code, h.start, len, what + ": " + h.detail, Evidence.of(h.detail, "a valid batch"), h.nextOffsetBefore, lastAfter);
        if (h.batches > 0 && !dataAfterDamageReported) {
            dataAfterDamageReported = true;
            report(SegmentCodes.DATA_AFTER_DAMAGE, h.end, h.runEnd - h.end, h.batches + " valid batches (offsets "
                    + h.firstOffset + ".." + h.lastOffset + ") follow the damage at byte " + h.start,
                    Evidence.of(h.batches + " batches", "none after the truncation point"), h.firstOffset, h.lastOffset);
        }
    }

    private boolean dataAfterDamageReported;

    /**
     * The position of the next plausible batch at or after {@code from}: magic 0-2, a length that fits the format and
     * the file, a base offset at or above the last good one (and within an int of it), and a matching CRC. Zero runs
     * are skipped eight bytes at a time. Returns -1 when there is none.
     */
    private long findNextBatch(long from) throws IOException {
        long q = from;
        while (true) {
            long remaining = size - q;
            if (remaining < SMALLEST_MESSAGE) return -1;
            int span = (int) Math.min(bytes.maxWindow(), remaining);
            ByteBuffer w = cover(q, span);
            long ws = bytes.windowStart();
            int i = index(q);
            boolean toEnd = span == remaining;
            int stop = toEnd ? i + span - SMALLEST_MESSAGE : i + span - RECORD_BATCH_OVERHEAD;
            if (stop < i) stop = i;
            int found = -1;
            for (; i <= stop; i++) {
                if (i + 16 <= w.limit() && w.getLong(i + 8) == 0) {
                    i += 4; // lengths at i+8 .. i+12 all read 0 (too small)
                    continue;
                }
                byte magic = w.get(i + 16);
                if (magic < 0 || magic > 2) continue;
                int len = w.getInt(i + 8);
                int min = magic == 2 ? RECORD_BATCH_OVERHEAD - LOG_OVERHEAD
                        : magic == 1 ? LegacyMessageView.RECORD_OVERHEAD_V1 : LegacyMessageView.RECORD_OVERHEAD_V0;
                if (len < min || ws + i + LOG_OVERHEAD + len > size) continue;
                long base = w.getLong(i);
                if (base < resyncFloor || base - resyncFloor > Integer.MAX_VALUE) continue;
                if (magic == 2 && w.getInt(i + RecordBatchView.LAST_OFFSET_DELTA) < 0) continue;
                found = i;
                break;
            }
            if (found < 0) {
                q = ws + stop + 1;
                continue;
            }
            long cand = ws + found;
            long end = cand + LOG_OVERHEAD + w.getInt(found + 8);
            boolean isV2 = w.get(found + 16) == 2;
            long stored = w.getInt(found + (isV2 ? RecordBatchView.CRC : LegacyMessageView.CRC)) & 0xFFFFFFFFL;
            if (crc(cand, end, isV2) == stored) return cand;
            q = cand + 1;
        }
    }

    /** True when [from, to) holds only zeros (and is not empty). */
    private boolean allZero(long from, long to) throws IOException {
        if (from >= to) return false;
        long q = from;
        while (q < to) {
            int n = (int) Math.min(to - q, bytes.maxWindow());
            ByteBuffer w = cover(q, n);
            int i = index(q);
            int e = i + n;
            while (i + 8 <= e) {
                if (w.getLong(i) != 0) return false;
                i += 8;
            }
            while (i < e) {
                if (w.get(i) != 0) return false;
                i++;
            }
            q += n;
        }
        return true;
    }

    private void report(FindingCode code, long position, long length, String message, Evidence evidence,
                        long firstOff, long lastOff) {
        int[] n = findingCounts.computeIfAbsent(code, c -> new int[1]);
        if (n[0]++ >= options.maxFindingsPerCode()) return;
        Location where = position < 0 ? Location.file(file) : Location.at(file, position, length);
        issues.add(new SegmentIssue(code.at(where, message, evidence), firstOff, lastOff));
    }

    /** Fixes the prefix: the batches so far, which end at {@code end} (batches follow each other from byte 0). */
    private void endPrefix(long end) {
        inPrefix = false;
        prefixCount = totalCount;
        firstOffset = totalCount > 0 ? firstBatchBase : -1;
        lastOffset = totalCount > 0 ? lastBatchLast : -1;
        validBytes = end;
    }

    private SegmentScan build() {
        if (inPrefix) endPrefix(size);
        for (Map.Entry<FindingCode, int[]> e : findingCounts.entrySet()) {
            int extra = e.getValue()[0] - options.maxFindingsPerCode();
            if (extra > 0) {
                Finding f = SegmentCodes.MORE_FINDINGS.at(Location.file(file), extra + " more " + e.getKey().id()
                        + " findings not listed", Evidence.of(e.getValue()[0] + " in all", options.maxFindingsPerCode() + " listed"));
                issues.add(new SegmentIssue(f, -1, -1));
            }
        }
        long next = prefixCount > 0 ? lastOffset + 1 : Math.max(fileBase, 0);
        return new SegmentScan(file, size, fileBase, options.mode(), prefixCount, firstOffset, lastOffset, next,
                validBytes, totalCount, holes, epochs.build(), maxTimestamp, maxTimestampOffset, hasControl,
                hasTransactional, producers.size(), producers.saturated(), legacyCount,
                batchIndex == null ? null : batchIndex.build(size), issues);
    }

    /** A hole whose end is known, collecting the valid batches that follow it. */
    private static final class HoleInProgress {
        final long start;
        final long end;
        final HoleReason reason;
        final boolean allZero;
        final long nextOffsetBefore;
        final String detail;
        long batches;
        long firstOffset = -1;
        long lastOffset = -1;
        long runEnd;

        HoleInProgress(long start, long end, HoleReason reason, boolean allZero, long nextOffsetBefore, String detail) {
            this.start = start;
            this.end = end;
            this.reason = reason;
            this.allZero = allZero;
            this.nextOffsetBefore = nextOffsetBefore;
            this.detail = detail;
            this.runEnd = end;
        }

        void batch(long base, long last, long batchEnd) {
            if (batches++ == 0) firstOffset = base;
            lastOffset = last;
            runEnd = batchEnd;
        }
    }
}
