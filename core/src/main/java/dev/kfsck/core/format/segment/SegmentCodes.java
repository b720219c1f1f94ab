package dev.kfsck.core.format.segment;

import dev.kfsck.core.finding.FindingCode;

import static dev.kfsck.core.finding.KafkaReaction.*;

/**
 * Finding codes of {@code .log} segments. Ids are stable: never rename one once released. The reaction given here is
 * what happens to an unflushed active segment after an unclean shutdown (recovery runs); the analysis layer
 * recomputes it from the recovery point and the clean-shutdown marker, using each finding's byte position.
 */
public final class SegmentCodes {

    public static final FindingCode CRC_MISMATCH = FindingCode.error("SEG-CRC-MISMATCH", TRUNCATES_ON_RECOVERY,
            "record batch CRC-32C does not match its bytes",
            "truncate the segment before the batch (what recovery does), or excise the damaged range and keep the valid batches after it"
                    + " (kfsck repair --policy truncate or excise)");
    public static final FindingCode LEGACY_CRC_MISMATCH = FindingCode.error("SEG-LEGACY-CRC-MISMATCH", TRUNCATES_ON_RECOVERY,
            "legacy (v0/v1) message CRC-32 does not match its bytes",
            "truncate the segment before the message, or excise the damaged range (kfsck repair --policy truncate or excise)");
    public static final FindingCode BATCH_TOO_SMALL = FindingCode.error("SEG-BATCH-TOO-SMALL", TRUNCATES_ON_RECOVERY,
            "batch length smaller than the minimum for its format (14 for any message, 61 bytes for a v2 batch)",
            "truncate the segment before the batch, or excise the damaged range (kfsck repair --policy truncate or excise)");
    public static final FindingCode BATCH_PAST_END = FindingCode.error("SEG-BATCH-PAST-END", TRUNCATES_ON_RECOVERY,
            "batch length runs past the end of the file although valid batches follow (a damaged length field)",
            "excise the damaged range and keep the valid batches after it, or truncate before it (kfsck repair --policy excise or truncate)");
    public static final FindingCode TORN_TAIL = FindingCode.error("SEG-TORN-TAIL", TRUNCATES_ON_RECOVERY,
            "the last batch is cut short (a partial write)",
            "truncate the segment after the last complete batch (what recovery does; kfsck repair --policy truncate or excise)");
    public static final FindingCode ZERO_TAIL = FindingCode.warn("SEG-ZERO-TAIL", TRUNCATES_ON_RECOVERY,
            "zero bytes after the last batch (preallocation or an unflushed tail)",
            "truncate the segment after the last complete batch; nothing is lost (kfsck repair, whatever the policy)");
    public static final FindingCode DATA_AFTER_DAMAGE = FindingCode.error("SEG-DATA-AFTER-DAMAGE", TRUNCATES_ON_RECOVERY,
            "valid batches follow damaged bytes; recovery would drop them with the damage",
            "excise the damaged range to keep them (offsets then have a gap), or accept the truncation, which saves them apart"
                    + " (kfsck repair --policy excise or truncate)");
    public static final FindingCode UNKNOWN_MAGIC = FindingCode.error("SEG-UNKNOWN-MAGIC", SERVES_CORRUPT,
            "batch magic is greater than 2; Kafka reads it as v2 and does not check it (the magic byte is outside the CRC)",
            "set the magic byte back to 2 when the CRC verifies the rest of the batch (kfsck repair)");
    public static final FindingCode OFFSETS_BACKWARDS = FindingCode.error("SEG-OFFSETS-BACKWARDS", TRUNCATES_ON_RECOVERY,
            "batch offsets go backwards or overlap the previous batch",
            "none automatic: decide which copy of the offsets is right; recovery may empty the whole segment");
    public static final FindingCode EPOCH_BACKWARDS = FindingCode.warn("SEG-EPOCH-BACKWARDS", TOLERATED,
            "partition leader epoch is lower than an earlier batch's",
            "none needed for startup; check the leader-epoch-checkpoint against the batches");
    public static final FindingCode FIRST_OFFSET_BELOW_BASE = FindingCode.error("SEG-FIRST-OFFSET-BELOW-BASE", REBUILDS_ON_STARTUP,
            "the first batch's base offset is below the base offset in the file name",
            "rename the segment to the first batch's base offset and let Kafka rebuild its indexes, if no other segment overlaps (kfsck repair)");
    public static final FindingCode FIRST_OFFSET_GAP = FindingCode.info("SEG-FIRST-OFFSET-GAP", TOLERATED,
            "the first batch starts above the base offset in the file name (normal after compaction)",
            "none needed");
    public static final FindingCode OFFSET_OUT_OF_RANGE = FindingCode.error("SEG-OFFSET-OUT-OF-RANGE", REBUILDS_ON_STARTUP,
            "a batch's last offset minus the segment base offset does not fit in an int; recovery splits the segment",
            "let Kafka's recovery split the segment at startup (kfsck leaves it to Kafka)");
    public static final FindingCode INVALID_COMPRESSION = FindingCode.error("SEG-INVALID-COMPRESSION", SERVES_CORRUPT,
            "compression codec bits hold 5, 6 or 7; recovery does not check them, readers fail",
            "none safe: the records cannot be decoded; excise the batch if its CRC also fails");
    public static final FindingCode BAD_RECORD_COUNT = FindingCode.warn("SEG-BAD-RECORD-COUNT", SERVES_CORRUPT,
            "record count is negative or larger than the batch's offset span",
            "none automatic; recovery does not check it, readers may fail");
    public static final FindingCode TOO_LARGE = FindingCode.error("SEG-TOO-LARGE", STARTUP_FATAL,
            "segment file is larger than 2147483647 bytes, the most Kafka can open",
            "split the segment at a batch boundary by hand; kfsck does not split segments");
    public static final FindingCode BAD_FILE_NAME = FindingCode.error("SEG-BAD-FILE-NAME", STARTUP_FATAL,
            "a .log file whose name is not a 20-digit base offset: Kafka takes every .log file for a segment; a name that is"
                    + " no number stops the broker, an unpadded number makes Kafka open an empty segment in its place",
            "name it by the base offset of its first batch when no other segment holds those offsets, else move it out of"
                    + " the log dir (kfsck repair)");
    public static final FindingCode MORE_FINDINGS = FindingCode.info("SEG-MORE-FINDINGS", TOLERATED,
            "more findings of one kind than the report lists",
            "see the listed findings of the same kind");

    private SegmentCodes() {
    }
}
