package dev.kfsck.core.format.quorum;

import java.util.List;

/**
 * The content of {@code __cluster_metadata-0/quorum-state}, as Kafka's {@code QuorumStateData} holds it.
 *
 * @param dataVersion      0 (kraft.version 0, static voters) or 1 (kraft.version 1); the value Kafka uses
 * @param clusterId        the {@code clusterId} field, or null when absent (a v1 file); Kafka always writes ""
 * @param leaderId         -1 when no leader is known
 * @param leaderEpoch      the raft epoch
 * @param votedId          -1 when no vote was cast
 * @param votedDirectoryId the {@code votedDirectoryId} as base64url text, or null when absent (a v0 file)
 * @param appliedOffset    the {@code appliedOffset} field (0 when absent); never used by Kafka
 * @param currentVoters    the voter ids of {@code currentVoters}, or null when absent or JSON null
 */
public record QuorumState(int dataVersion, String clusterId, int leaderId, int leaderEpoch, int votedId,
                          String votedDirectoryId, long appliedOffset, List<Integer> currentVoters) {

    /** The zero Uuid, meaning "no directory". */
    public static final String NO_DIRECTORY_ID = "AAAAAAAAAAAAAAAAAAAAAA";

    public QuorumState {
        currentVoters = currentVoters == null ? null : List.copyOf(currentVoters);
    }

    /** A data_version 0 state as Kafka writes it with kraft.version 0. */
    public static QuorumState v0(int leaderId, int leaderEpoch, int votedId, List<Integer> voters) {
        return new QuorumState(0, "", leaderId, leaderEpoch, votedId, null, 0, voters);
    }

    /** A data_version 1 state as Kafka writes it with kraft.version 1. */
    public static QuorumState v1(int leaderId, int leaderEpoch, int votedId, String votedDirectoryId) {
        return new QuorumState(1, null, leaderId, leaderEpoch, votedId,
                votedDirectoryId == null ? NO_DIRECTORY_ID : votedDirectoryId, 0, null);
    }

    public boolean hasLeader() {
        return leaderId != -1;
    }

    public boolean hasVoted() {
        return votedId != -1;
    }
}
