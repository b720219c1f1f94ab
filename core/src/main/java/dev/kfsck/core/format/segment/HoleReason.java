package dev.kfsck.core.format.segment;

/** Why a batch at some position was not accepted: the first thing wrong with it, in Kafka's order of checks. */
public enum HoleReason {
    /** 17 or fewer bytes left: Kafka's iterator stops there without a word. */
    SHORT_TAIL,
    /** Length field below 14: Kafka's iterator throws {@code CorruptRecordException}. */
    LENGTH_TOO_SMALL,
    /** The batch would end past the end of the file: Kafka's iterator stops there without a word. */
    LENGTH_PAST_END,
    /** A v2 batch smaller than its 61-byte header. */
    V2_TOO_SMALL,
    /** The CRC-32C of a v2 batch does not match. */
    CRC_MISMATCH,
    /** The CRC-32 of a legacy message does not match. */
    LEGACY_CRC_MISMATCH
}
