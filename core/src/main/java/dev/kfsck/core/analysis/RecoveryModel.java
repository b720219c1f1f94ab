package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.KafkaReaction;

import java.util.List;

/**
 * Which segments Kafka recovers at startup, and so what it does with damage in each (fact sheet §6.8, §7.3).
 *
 * <ul>
 *   <li>The metadata log is recovered whole at every start.</li>
 *   <li>A data partition in a dir with a clean-shutdown marker is not recovered at all.</li>
 *   <li>Otherwise the segments from the one holding the recovery point onward are recovered; the active segment
 *       always is.</li>
 * </ul>
 *
 * @param metadataLog    the partition is {@code __cluster_metadata-0}
 * @param cleanShutdown  the log dir holds {@code .kafka_cleanshutdown}
 * @param recoveryPoint  the partition's recovery point (0 when unknown: everything is recovered)
 * @param segmentBases   the base offsets of the partition's segments, ascending
 */
public record RecoveryModel(boolean metadataLog, boolean cleanShutdown, long recoveryPoint, List<Long> segmentBases) {

    /** True when Kafka will re-validate the segment with this base offset at the next start. */
    public boolean recovers(long segmentBase) {
        if (metadataLog) return true;
        if (cleanShutdown) return false;
        return segmentBase >= floorBase();
    }

    public boolean isActive(long segmentBase) {
        return !segmentBases.isEmpty() && segmentBases.get(segmentBases.size() - 1) == segmentBase;
    }

    /** The base of the segment holding the recovery point: recovery starts there. */
    long floorBase() {
        long floor = segmentBases.isEmpty() ? 0 : segmentBases.get(0);
        for (long b : segmentBases) {
            if (b <= recoveryPoint) floor = b;
        }
        return floor;
    }

    /** What Kafka does at startup with damage of this kind in the segment with this base offset. */
    public KafkaReaction reactionTo(Damage damage, long segmentBase) {
        boolean recovered = recovers(segmentBase);
        return switch (damage) {
            case CORRUPT_BATCH, TORN_TAIL, OFFSETS_BACKWARDS ->
                    recovered ? KafkaReaction.TRUNCATES_ON_RECOVERY : KafkaReaction.SERVES_CORRUPT;
            case ZERO_TAIL -> {
                if (recovered) yield KafkaReaction.TRUNCATES_ON_RECOVERY;
                // After a clean shutdown Kafka computes the log end from the last index entry onward and fails on
                // the zero header (fact sheet §6.9, trial clean-garbagemarker-zerotail).
                yield cleanShutdown && isActive(segmentBase) ? KafkaReaction.STARTUP_FATAL : KafkaReaction.SERVES_CORRUPT;
            }
            case BAD_INDEX -> recovered ? KafkaReaction.REBUILDS_ON_STARTUP : KafkaReaction.WRONG_LOOKUPS;
            case BAD_AUXILIARY -> KafkaReaction.REBUILDS_ON_STARTUP;
            case LOST_ABORT -> recovered ? KafkaReaction.REBUILDS_ON_STARTUP : KafkaReaction.SERVES_CORRUPT;
        };
    }
}
