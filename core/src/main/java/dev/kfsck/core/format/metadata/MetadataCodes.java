package dev.kfsck.core.format.metadata;

import dev.kfsck.core.finding.FindingCode;

import static dev.kfsck.core.finding.KafkaReaction.*;

/**
 * Finding codes of this package. Ids are stable: never rename one once released.
 *
 * <p>SNAP- codes carry the reaction Kafka has when the snapshot is the <em>latest</em> one (the only one read at
 * startup); {@link MetadataSnapshotFile#asOlderSnapshot} lowers them for older snapshots. BOOT- codes carry the
 * reaction for the metadata log dir's {@code bootstrap.checkpoint} (the only one read).
 */
public final class MetadataCodes {

    private MetadataCodes() {
    }

    /** What kfsck does with a damaged newest snapshot ({@code SnapshotPlanner}); older ones Kafka never reads. */
    private static final String SNAPSHOT_MOVE_OUT = "when it is the newest snapshot and an older intact one plus the metadata "
            + "log cover its offsets, move it out of the log dir (kfsck repair); otherwise restore it from another controller";

    // --- __cluster_metadata-0/<end>-<epoch>.checkpoint -------------------------------------------------------

    public static final FindingCode SNAP_NAME_UNPARSABLE = FindingCode.error("SNAP-NAME-UNPARSABLE", STARTUP_FATAL,
            "snapshot file name is not <20-digit end offset>-<10-digit epoch>.checkpoint",
            "move the file out of the metadata log dir (kfsck repair; Kafka parses every *.checkpoint name at startup and a bad one throws)");

    public static final FindingCode SNAP_NAME_NONCANONICAL = FindingCode.warn("SNAP-NAME-NONCANONICAL", TOLERATED,
            "snapshot file name parses, but not in the form Kafka writes",
            "rename to the canonical <20-digit end offset>-<10-digit epoch>.checkpoint form");

    public static final FindingCode SNAP_BAD_BATCH_HEADER = FindingCode.error("SNAP-BAD-BATCH-HEADER", STARTUP_FATAL,
            "snapshot batch header is invalid (length, magic or size)",
            SNAPSHOT_MOVE_OUT);

    public static final FindingCode SNAP_CRC_MISMATCH = FindingCode.error("SNAP-CRC-MISMATCH", STARTUP_FATAL,
            "snapshot batch CRC-32C does not match its content",
            SNAPSHOT_MOVE_OUT);

    public static final FindingCode SNAP_TRUNCATED = FindingCode.error("SNAP-TRUNCATED", STARTUP_FATAL,
            "snapshot ends inside a batch (records lost)",
            SNAPSHOT_MOVE_OUT);

    public static final FindingCode SNAP_MISSING_HEADER = FindingCode.error("SNAP-MISSING-HEADER", STARTUP_FATAL,
            "snapshot does not begin with a control batch holding a SnapshotHeaderRecord",
            SNAPSHOT_MOVE_OUT);

    public static final FindingCode SNAP_MISSING_FOOTER = FindingCode.error("SNAP-MISSING-FOOTER", TOLERATED,
            "snapshot does not end with a SnapshotFooterRecord: it is incomplete",
            "Kafka does not enforce the footer but the image lacks what was cut: " + SNAPSHOT_MOVE_OUT);

    public static final FindingCode SNAP_UNDECODABLE_RECORD = FindingCode.error("SNAP-UNDECODABLE-RECORD", STARTUP_FATAL,
            "a record in a snapshot batch cannot be decoded",
            SNAPSHOT_MOVE_OUT);

    public static final FindingCode SNAP_MISSING_METADATA_VERSION = FindingCode.error("SNAP-MISSING-METADATA-VERSION",
            STARTUP_FATAL, "snapshot holds no metadata.version FeatureLevelRecord",
            "the metadata loader cannot build an image: " + SNAPSHOT_MOVE_OUT);

    public static final FindingCode SNAP_RECORD_NOT_APPLICABLE = FindingCode.error("SNAP-RECORD-NOT-APPLICABLE",
            STARTUP_FATAL, "a decoded snapshot record cannot be applied to the metadata image",
            "the snapshot content is inconsistent: " + SNAPSHOT_MOVE_OUT);

    public static final FindingCode SNAP_EPOCH_MISMATCH = FindingCode.warn("SNAP-EPOCH-MISMATCH", TOLERATED,
            "a snapshot batch's partitionLeaderEpoch differs from the epoch in the file name",
            "none needed by Kafka; the file was not written by Kafka's snapshot writer as is, inspect its origin");

    public static final FindingCode SNAP_IMAGE_FROM_OLDER = FindingCode.info("SNAP-IMAGE-FROM-OLDER", TOLERATED,
            "the offline metadata image was built from an older snapshot because newer ones are damaged",
            "none: informational; the damaged snapshots have their own findings");

    // --- <log.dir>/bootstrap.checkpoint ---------------------------------------------------------------------

    public static final FindingCode BOOT_NULL_BYTES = FindingCode.error("BOOT-NULL-BYTES", STARTUP_FATAL,
            "bootstrap.checkpoint holds only zero bytes",
            "on an initialised node delete the file, Kafka uses it only on the first start (kfsck repair); on a node never started re-run kafka-storage format");

    public static final FindingCode BOOT_CORRUPT = FindingCode.error("BOOT-CORRUPT", STARTUP_FATAL,
            "bootstrap.checkpoint cannot be decoded",
            "on an initialised node delete the file, Kafka uses it only on the first start (kfsck repair); on a node never started re-run kafka-storage format");

    public static final FindingCode BOOT_CRC_MISMATCH = FindingCode.warn("BOOT-CRC-MISMATCH", TOLERATED,
            "bootstrap.checkpoint batch CRC-32C does not match (Kafka's reader does not check it)",
            "none needed by Kafka; on an initialised node kfsck deletes the file all the same (kfsck repair); on a node never started re-run kafka-storage format");

    public static final FindingCode BOOT_MISSING_METADATA_VERSION = FindingCode.error("BOOT-MISSING-METADATA-VERSION",
            STARTUP_FATAL, "bootstrap.checkpoint holds no metadata.version FeatureLevelRecord",
            "on an initialised node delete the file, Kafka uses it only on the first start (kfsck repair); on a node never started re-run kafka-storage format");

    // --- __cluster_metadata-0/*.log (content; framing is checked by the segment scanner) --------------------

    public static final FindingCode MLOG_UNDECODABLE_RECORD = FindingCode.error("MLOG-UNDECODABLE-RECORD",
            STARTUP_FATAL, "a record in a CRC-valid metadata log batch cannot be decoded",
            "no safe automatic repair: the batch passed its CRC, so it was written this way; compare with another controller's log");

    public static final FindingCode MLOG_FRAME_VERSION = FindingCode.error("MLOG-FRAME-VERSION", STARTUP_FATAL,
            "a metadata record's frame version is not 1",
            "no safe automatic repair: compare with another controller's log");

    public static final FindingCode MLOG_RECORD_NOT_APPLICABLE = FindingCode.error("MLOG-RECORD-NOT-APPLICABLE",
            STARTUP_FATAL, "a decoded metadata log record cannot be applied to the metadata image",
            "no safe automatic repair: the metadata history is inconsistent; compare with another controller's log");

    public static final FindingCode MLOG_DECODE_STOPPED = FindingCode.info("MLOG-DECODE-STOPPED", TRUNCATES_ON_RECOVERY,
            "metadata log decoding stopped at the first damaged batch, as Kafka's recovery does",
            "see the segment findings at the same position: recovery truncates the metadata log there");

    public static final FindingCode MLOG_OPEN_TRANSACTION = FindingCode.warn("MLOG-OPEN-TRANSACTION", TOLERATED,
            "the metadata log ends inside a metadata transaction; its records are not applied",
            "none: the active controller aborts the transaction on its next election");

    public static final FindingCode MLOG_IMAGE_GAP = FindingCode.error("MLOG-IMAGE-GAP", STARTUP_FATAL,
            "the metadata log does not continue the snapshot: records between them are missing",
            "no safe automatic repair: restore the missing snapshot or log segments from another controller");
}
