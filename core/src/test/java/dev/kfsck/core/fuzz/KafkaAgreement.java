package dev.kfsck.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.format.checkpoint.CheckpointCodes;
import dev.kfsck.core.format.segment.SegmentScan;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.KafkaStorageException;

/**
 * The oracle rule: whenever Kafka's own reader refuses a file, kfsck reports an ERROR on it, except where Kafka by
 * design deletes or rebuilds the file (or drops what it holds without losing data); each such exception is spelled
 * out below with the reason.
 */
final class KafkaAgreement {

    private KafkaAgreement() {
    }

    /**
     * Holds kfsck's findings on {@code bytes} (a file of {@code kind}) to Kafka's verdict on the same bytes.
     *
     * @param findings kfsck's findings about that file (from its parser, or from a whole log dir check)
     * @param scan     the segment scan when there is one, for the valid prefix; else null
     */
    static void assertAgrees(FileKind kind, byte[] bytes, List<Finding> findings, SegmentScan scan,
                             KafkaOracle.Verdict kafka, Supplier<String> context) {
        Supplier<String> why = () -> context.get() + "\n  Kafka: " + kafka + "\n  kfsck: " + findings;
        if (scan != null) {
            assertEquals(kafka.validBytes(), scan.validBytes(), () -> "valid prefix differs from FileRecords: " + why.get());
        }
        if (!kafka.rejects()) return;
        boolean error = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
        switch (kind) {
            case SEGMENT, METADATA_LOG -> {
                // Recovery also cuts a tail of zeros (a preallocated or unflushed end). No record is lost, so kfsck
                // reports it as SEG-ZERO-TAIL, a WARN; every other cut loses records and must be an ERROR.
                boolean zerosOnly = allZero(bytes, (int) kafka.validBytes(), bytes.length);
                assertTrue(error || zerosOnly, why);
            }
            case OFFSET_INDEX, TIME_INDEX, TXN_INDEX, PRODUCER_SNAPSHOT ->
                // Kafka deletes a corrupt index (CorruptIndexException in sanityCheck) or producer snapshot
                // (CorruptSnapshotException) and rebuilds it from the log during recovery: nothing is lost, so a WARN
                // with REBUILDS_ON_STARTUP is the right report. Silence is not.
                    assertTrue(error || findings.stream().anyMatch(f -> f.reaction() == KafkaReaction.REBUILDS_ON_STARTUP), why);
            case RECOVERY_POINT, REPLICATION_OFFSET, LOG_START_OFFSET, CLEANER_OFFSET -> {
                // An IOException (wrapped in KafkaStorageException) takes the log dir offline: an ERROR. A non-IO
                // exception (a partition or offset that is not a number) is caught by the callers, which warn and
                // drop the file: kfsck's CKPT-BAD-NUMBER, a WARN (see CheckpointCodes.BAD_NUMBER).
                boolean io = kafka.failure() instanceof KafkaStorageException;
                assertTrue(error || (!io && findings.stream().anyMatch(f -> f.code() == CheckpointCodes.BAD_NUMBER)), why);
            }
            default -> assertTrue(error, why);
        }
    }

    static boolean allZero(byte[] b, int from, int to) {
        for (int i = Math.max(0, from); i < to; i++) {
            if (b[i] != 0) return false;
        }
        return true;
    }
}
