package dev.kfsck.core.repair.plan;

/** How a repair that gives up records may do it. Without a policy such repairs are planned but not applied. */
public enum LossPolicy {
    /** Lose nothing: repairs that cost records stay in the plan as not applied. */
    NONE,
    /** Cut the log after its last valid batch, as Kafka's own recovery would; the cut bytes stay in the backup. */
    TRUNCATE,
    /** Cut out only the damaged bytes, leaving an offset gap as compaction does; keep everything after them. */
    EXCISE
}
