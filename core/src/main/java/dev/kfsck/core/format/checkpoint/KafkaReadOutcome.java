package dev.kfsck.core.format.checkpoint;

/** What Kafka's own checkpoint reader ({@code CheckpointFile.read}) does with the bytes. */
public enum KafkaReadOutcome {
    /** It returns the entries. */
    READS,
    /** It throws an IOException, which Kafka's failure handler turns into an offline log dir first. */
    FAILS_IO,
    /** It throws a non-IO exception (NumberFormatException, IllegalArgumentException): the dir stays online. */
    FAILS_OTHER
}
