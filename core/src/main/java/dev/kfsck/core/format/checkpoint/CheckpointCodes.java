package dev.kfsck.core.format.checkpoint;

import dev.kfsck.core.finding.FindingCode;

import static dev.kfsck.core.finding.KafkaReaction.*;

/**
 * Finding codes of this package. Ids are stable: never rename one once released.
 *
 * <p>The CKPT- codes cover the framing every checkpoint shares; their default reaction is the one of the offset
 * checkpoints and data-partition leader-epoch checkpoints (an IOException in {@code CheckpointFileWithFailureHandler}
 * marks the log dir offline). For {@code __cluster_metadata-0/leader-epoch-checkpoint} the parser reports the same
 * codes with the reaction STARTUP_FATAL. The LEC- codes are specific to leader-epoch checkpoints.
 */
public final class CheckpointCodes {

    private static final String REWRITE_OFFSETS = "rewrite the checkpoint from the entries that still parse "
            + "(missing partitions fall back to Kafka's defaults: full recovery, log start at the first segment) (kfsck repair)";
    private static final String REBUILD_EPOCHS = "rebuild leader-epoch-checkpoint from the partition leader epochs "
            + "of the log's batches (kfsck repair)";

    public static final FindingCode NULL_BYTES = FindingCode.error("CKPT-NULL-BYTES", LOG_DIR_OFFLINE,
            "NUL bytes in a checkpoint (Kafka: IOException \"Malformed line\")", REWRITE_OFFSETS);
    public static final FindingCode NULL_IN_TOPIC = FindingCode.warn("CKPT-NULL-IN-TOPIC", TOLERATED,
            "NUL bytes inside a topic name: Kafka accepts the line for a topic that does not exist, so the real "
                    + "partition has no entry (recovery point 0, high watermark 0, log start at the first segment)",
            REWRITE_OFFSETS);
    public static final FindingCode INVALID_UTF8 = FindingCode.error("CKPT-INVALID-UTF8", LOG_DIR_OFFLINE,
            "a checkpoint is not valid UTF-8 (Kafka: MalformedInputException)", REWRITE_OFFSETS);
    public static final FindingCode MALFORMED_LINE = FindingCode.error("CKPT-MALFORMED-LINE", LOG_DIR_OFFLINE,
            "a line Kafka cannot split into the expected fields, or a version/count line that is not an int "
                    + "(Kafka: IOException \"Malformed line\")", REWRITE_OFFSETS);
    public static final FindingCode UNKNOWN_VERSION = FindingCode.error("CKPT-UNKNOWN-VERSION", LOG_DIR_OFFLINE,
            "the version line is not 0 (Kafka: IOException \"Unrecognised version\")", REWRITE_OFFSETS);
    public static final FindingCode COUNT_MISMATCH = FindingCode.error("CKPT-COUNT-MISMATCH", LOG_DIR_OFFLINE,
            "the count line does not match the number of entry lines (Kafka: IOException \"Expected [N] entries\")",
            REWRITE_OFFSETS);
    public static final FindingCode BAD_NUMBER = FindingCode.warn("CKPT-BAD-NUMBER", TOLERATED,
            "a partition or offset that is not a number, or a negative count: a non-IO exception, so Kafka only "
                    + "warns and drops the whole file (recovery point 0: full recovery; log start reset to the first "
                    + "segment)", REWRITE_OFFSETS);
    public static final FindingCode TRUNCATED = FindingCode.warn("CKPT-TRUNCATED", TOLERATED,
            "the last line has no newline: the file was cut, and its last value may be cut short too",
            REWRITE_OFFSETS);
    public static final FindingCode DUPLICATE_ENTRY = FindingCode.warn("CKPT-DUPLICATE-ENTRY", TOLERATED,
            "the same partition appears twice; Kafka keeps the last one", REWRITE_OFFSETS);
    public static final FindingCode MORE_FINDINGS = FindingCode.info("CKPT-MORE-FINDINGS", TOLERATED,
            "more findings in this file than are listed", "see the findings listed for this file");

    public static final FindingCode LEC_BAD_NUMBER = FindingCode.error("LEC-BAD-NUMBER", STARTUP_FATAL,
            "an epoch or start offset that is not a number, or a negative count, in leader-epoch-checkpoint "
                    + "(non-IO exception escapes the log load: \"Error starting LogManager\")", REBUILD_EPOCHS);
    public static final FindingCode LEC_NEGATIVE_ENTRY = FindingCode.error("LEC-NEGATIVE-ENTRY", STARTUP_FATAL,
            "a negative epoch or start offset (Kafka: IllegalArgumentException \"Received invalid partition leader "
                    + "epoch entry\")", REBUILD_EPOCHS);
    public static final FindingCode LEC_NON_MONOTONIC = FindingCode.warn("LEC-NON-MONOTONIC", TOLERATED,
            "epochs or start offsets do not strictly increase; Kafka drops the conflicting entries at load",
            REBUILD_EPOCHS);

    private CheckpointCodes() {
    }
}
