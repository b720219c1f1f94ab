package dev.kfsck.core.format.segment;

import dev.kfsck.core.finding.FindingCode;

import static dev.kfsck.core.finding.KafkaReaction.*;

/**
 * Finding codes of producer-state {@code .snapshot} files. Ids are stable: never rename one once released. Kafka
 * deletes a snapshot it cannot read and rebuilds producer state from an older one or from the log.
 */
public final class ProducerSnapshotCodes {

    public static final FindingCode TRUNCATED = FindingCode.warn("PSNAP-TRUNCATED", REBUILDS_ON_STARTUP,
            "producer snapshot is shorter than its 10-byte header",
            "delete the snapshot; Kafka rebuilds producer state from an older snapshot or the log");
    public static final FindingCode UNKNOWN_VERSION = FindingCode.warn("PSNAP-UNKNOWN-VERSION", REBUILDS_ON_STARTUP,
            "producer snapshot version is not 1",
            "delete the snapshot; Kafka rebuilds producer state");
    public static final FindingCode COUNT_MISMATCH = FindingCode.warn("PSNAP-COUNT-MISMATCH", REBUILDS_ON_STARTUP,
            "producer snapshot entry count is negative or needs more bytes than the file has",
            "delete the snapshot; Kafka rebuilds producer state");
    public static final FindingCode TRAILING_BYTES = FindingCode.warn("PSNAP-TRAILING-BYTES", TOLERATED,
            "bytes after the last producer snapshot entry (covered by the CRC, ignored by the reader)",
            "rewrite the snapshot without them");
    public static final FindingCode CRC_MISMATCH = FindingCode.warn("PSNAP-CRC-MISMATCH", REBUILDS_ON_STARTUP,
            "producer snapshot CRC-32C does not match its bytes",
            "delete the snapshot; Kafka rebuilds producer state");

    private ProducerSnapshotCodes() {
    }
}
