package dev.kfsck.core.format.segment;

/** How much of each batch a segment scan checks. */
public enum ScanMode {
    /** Headers and the CRC of every batch: what Kafka's recovery checks, and more. */
    FULL,
    /** Headers only: lengths, offsets, epochs, attributes. No CRC (resynchronisation after damage still checks it). */
    HEADERS
}
