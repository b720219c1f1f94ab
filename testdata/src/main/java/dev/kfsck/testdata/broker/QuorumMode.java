package dev.kfsck.testdata.broker;

/**
 * How the KRaft voters are known: {@link #STATIC} from {@code controller.quorum.voters} (kraft.version 0),
 * {@link #DYNAMIC} from the log itself after {@code kafka-storage format --standalone} (kraft.version 1).
 */
public enum QuorumMode {
    STATIC,
    DYNAMIC
}
