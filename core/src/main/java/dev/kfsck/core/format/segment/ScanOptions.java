package dev.kfsck.core.format.segment;

import java.util.Objects;

/**
 * How to scan a segment. Immutable; start from {@link #full()} or {@link #headersOnly()} and adjust with the
 * {@code with...} methods.
 *
 * @param mode              {@link ScanMode#FULL} (headers and CRC) or {@link ScanMode#HEADERS}
 * @param source            how bytes reach the loop (memory maps or reads)
 * @param windowBytes       window size for the source; 0 for its default
 * @param resync            look for the next valid batch after damage (else the first damage ends the scan)
 * @param collectBatchIndex keep every batch's position and last offset (16 bytes a batch) for index checks
 * @param maxFindingsPerCode findings listed per code; the rest are counted in one {@code SEG-MORE-FINDINGS}
 * @param listener          receives each accepted batch and each hole
 */
public record ScanOptions(ScanMode mode, ByteSource source, int windowBytes, boolean resync, boolean collectBatchIndex,
                          int maxFindingsPerCode, BatchListener listener) {

    public ScanOptions {
        Objects.requireNonNull(mode);
        Objects.requireNonNull(source);
        Objects.requireNonNull(listener);
        if (maxFindingsPerCode < 1) throw new IllegalArgumentException("maxFindingsPerCode < 1");
    }

    /** Headers and CRC of every batch, automatic byte source, resynchronisation on. */
    public static ScanOptions full() {
        return new ScanOptions(ScanMode.FULL, ByteSource.AUTO, 0, true, false, 100, BatchListener.NONE);
    }

    /** Headers only. */
    public static ScanOptions headersOnly() {
        return full().withMode(ScanMode.HEADERS);
    }

    public ScanOptions withMode(ScanMode m) {
        return new ScanOptions(m, source, windowBytes, resync, collectBatchIndex, maxFindingsPerCode, listener);
    }

    public ScanOptions withSource(ByteSource s, int window) {
        return new ScanOptions(mode, s, window, resync, collectBatchIndex, maxFindingsPerCode, listener);
    }

    public ScanOptions withResync(boolean r) {
        return new ScanOptions(mode, source, windowBytes, r, collectBatchIndex, maxFindingsPerCode, listener);
    }

    public ScanOptions withBatchIndex(boolean c) {
        return new ScanOptions(mode, source, windowBytes, resync, c, maxFindingsPerCode, listener);
    }

    public ScanOptions withMaxFindingsPerCode(int n) {
        return new ScanOptions(mode, source, windowBytes, resync, collectBatchIndex, n, listener);
    }

    public ScanOptions withListener(BatchListener l) {
        return new ScanOptions(mode, source, windowBytes, resync, collectBatchIndex, maxFindingsPerCode, l);
    }
}
