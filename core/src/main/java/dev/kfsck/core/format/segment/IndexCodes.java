package dev.kfsck.core.format.segment;

import dev.kfsck.core.finding.FindingCode;

import static dev.kfsck.core.finding.KafkaReaction.*;

/**
 * Finding codes of {@code .index}, {@code .timeindex} and {@code .txnindex}. Ids are stable: never rename one once
 * released. The reaction given is the one for a segment that recovery rebuilds (the active segment after an unclean
 * shutdown); for a segment Kafka does not recover the analysis layer turns it into {@code WRONG_LOOKUPS}.
 * {@link #TXN_PARTIAL_ENTRY} is the other way round: it declares what a segment Kafka does not recover serves.
 */
public final class IndexCodes {

    public static final FindingCode OFFSET_INDEX_LENGTH = FindingCode.warn("IDX-LENGTH-NOT-MULTIPLE", REBUILDS_ON_STARTUP,
            "offset index length is not a multiple of its 8-byte entries",
            "delete the index; Kafka rebuilds a missing offset index from the segment");
    public static final FindingCode OFFSET_INDEX_NOT_INCREASING = FindingCode.warn("IDX-NOT-INCREASING", REBUILDS_ON_STARTUP,
            "offset index entries do not strictly increase in offset and position",
            "rebuild the index from the segment");
    public static final FindingCode OFFSET_INDEX_PAST_SEGMENT = FindingCode.warn("IDX-ENTRY-PAST-SEGMENT", REBUILDS_ON_STARTUP,
            "offset index entry points outside the segment (position past the log, offset past its last batch, or negative)",
            "rebuild the index from the segment");
    public static final FindingCode OFFSET_INDEX_NOT_ON_BATCH = FindingCode.warn("IDX-ENTRY-NOT-ON-BATCH", REBUILDS_ON_STARTUP,
            "offset index entry's position is not the start of a batch",
            "rebuild the index from the segment");
    public static final FindingCode OFFSET_INDEX_OFFSET_MISMATCH = FindingCode.warn("IDX-ENTRY-OFFSET-MISMATCH", REBUILDS_ON_STARTUP,
            "offset index entry's offset is not the last offset of the batch at its position",
            "rebuild the index from the segment");
    public static final FindingCode OFFSET_INDEX_ZERO_SLACK = FindingCode.warn("IDX-ZERO-SLACK", WRONG_LOOKUPS,
            "zero entries after the last entry of an index that is not the active segment's (Kafka counts them as entries)",
            "trim the index to its real entries, or rebuild it");
    public static final FindingCode TIME_INDEX_LENGTH = FindingCode.warn("TIDX-LENGTH-NOT-MULTIPLE", REBUILDS_ON_STARTUP,
            "time index length is not a multiple of its 12-byte entries",
            "rebuild the time index from the segment");
    public static final FindingCode TIME_INDEX_TIMESTAMP_BACKWARDS = FindingCode.warn("TIDX-TIMESTAMP-BACKWARDS", REBUILDS_ON_STARTUP,
            "time index timestamps go backwards",
            "rebuild the time index from the segment");
    public static final FindingCode TIME_INDEX_OFFSET_BACKWARDS = FindingCode.warn("TIDX-OFFSET-BACKWARDS", REBUILDS_ON_STARTUP,
            "time index offsets go backwards",
            "rebuild the time index from the segment");
    public static final FindingCode TIME_INDEX_PAST_SEGMENT = FindingCode.warn("TIDX-ENTRY-PAST-SEGMENT", REBUILDS_ON_STARTUP,
            "time index entry's offset lies outside the segment",
            "rebuild the time index from the segment");
    public static final FindingCode TIME_INDEX_NOT_BATCH_END = FindingCode.warn("TIDX-OFFSET-NOT-BATCH-END", REBUILDS_ON_STARTUP,
            "time index entry's offset is not the last offset of any batch",
            "rebuild the time index from the segment");
    public static final FindingCode TIME_INDEX_ZERO_SLACK = FindingCode.warn("TIDX-ZERO-SLACK", WRONG_LOOKUPS,
            "zero entries after the last entry of a time index that is not the active segment's",
            "trim the time index to its real entries, or rebuild it");
    /**
     * Kafka's index iterator skips a torn last entry without a word, and startup recovery leaves a segment below the
     * recovery point (or every segment after a clean shutdown) alone, so the abort the entry recorded is lost and
     * read_committed consumers are served that transaction's records. Proven on a real broker by
     * {@code TornTxnIndexBrokerTest}. In a segment Kafka does recover (from the recovery point on after an unclean
     * stop) it rebuilds the index: the analysis layer then makes this a warning, {@code REBUILDS_ON_STARTUP}.
     */
    public static final FindingCode TXN_PARTIAL_ENTRY = FindingCode.error("TXN-PARTIAL-ENTRY", SERVES_CORRUPT,
            "transaction index ends with a partial 34-byte entry; Kafka skips it, so read_committed consumers get "
                    + "the records of the abort it recorded",
            "rebuild the transaction index from the segment's abort markers (kfsck repair); cutting it to whole entries "
                    + "drops the torn entry's abort, and read_committed consumers would then get that transaction's records");
    public static final FindingCode TXN_BAD_VERSION = FindingCode.error("TXN-BAD-VERSION", STARTUP_FATAL,
            "aborted-transaction entry's version byte is not 0; Kafka's index iterator throws on it (read from source, not tried)",
            "rebuild the transaction index from the segment's abort markers");
    public static final FindingCode TXN_VERSION_LOW_BYTE = FindingCode.warn("TXN-VERSION-LOW-BYTE", TOLERATED,
            "aborted-transaction entry's version field has a nonzero low byte; Kafka reads only the high byte and accepts it",
            "check the entry against the segment's abort markers: a forged entry hides records from read_committed consumers");
    public static final FindingCode TXN_LAST_OFFSET_BELOW_BASE = FindingCode.error("TXN-LAST-OFFSET-BELOW-BASE", REBUILDS_ON_STARTUP,
            "aborted-transaction entry ends below the segment's base offset; Kafka's sanity check rejects the index",
            "rebuild the transaction index from the segment (Kafka recovers the segment)");
    public static final FindingCode TXN_OFFSETS_INVERTED = FindingCode.warn("TXN-OFFSETS-INVERTED", SERVES_CORRUPT,
            "aborted-transaction entry's first offset is above its last offset",
            "rebuild the transaction index from the segment's abort markers");
    public static final FindingCode MORE_FINDINGS = FindingCode.info("IDX-MORE-FINDINGS", TOLERATED,
            "more findings of one kind than the report lists",
            "see the listed findings of the same kind");

    private IndexCodes() {
    }
}
