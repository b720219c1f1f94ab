package dev.kfsck.core.analysis;

/** The kinds of damage whose consequence depends on where they lie and on how the broker last stopped. */
public enum Damage {
    /** A batch whose checksum fails, or whose header is not a batch. */
    CORRUPT_BATCH,
    /** Zero bytes after the last batch. */
    ZERO_TAIL,
    /** A last batch cut short. */
    TORN_TAIL,
    /** Offsets that go backwards inside a segment: Kafka's recovery empties the whole segment. */
    OFFSETS_BACKWARDS,
    /** An offset or time index that does not match its segment. */
    BAD_INDEX,
    /** A transaction index or producer snapshot that Kafka checks and rebuilds. */
    BAD_AUXILIARY,
    /**
     * A transaction index that lost an abort without failing Kafka's checks (a torn last entry): rebuilt with the
     * segment when Kafka recovers it, else read_committed consumers are served the aborted records.
     */
    LOST_ABORT
}
