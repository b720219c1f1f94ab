package dev.kfsck.core.finding;

/** What a Kafka 4.x broker does with a finding at startup. */
public enum KafkaReaction {
    /** The process exits during startup. */
    STARTUP_FATAL("broker would exit"),
    /** The log dir is queued as failed; with one log dir (or the metadata dir) the broker halts. */
    LOG_DIR_OFFLINE("log dir would go offline"),
    /** The partition folder is renamed {@code -stray}; a new empty replica may replace it. */
    PARTITION_STRAY("partition would be renamed stray and not served"),
    /** Recovery cuts the log back: records are lost. */
    TRUNCATES_ON_RECOVERY("recovery would truncate the log (records lost)"),
    /** Damage Kafka never checks at startup (below the recovery point, or after a clean shutdown); it reaches consumers. */
    SERVES_CORRUPT("corrupt data would be served without a check"),
    /** An index that answers lookups wrongly without a word. */
    WRONG_LOOKUPS("index lookups would silently be wrong"),
    /** Deleted data that Kafka would bring back. */
    RESURRECTS_DELETED("deleted data would come back"),
    /** Kafka regenerates the file from other data. */
    REBUILDS_ON_STARTUP("file would be rebuilt at startup"),
    /** The broker starts; at most a log line shows the problem. */
    TOLERATED("tolerated");

    private final String words;

    KafkaReaction(String words) {
        this.words = words;
    }

    /** The reaction in a few words, for people. */
    public String words() {
        return words;
    }
}
