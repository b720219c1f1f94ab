package dev.kfsck.core.analysis;

import java.util.List;

/**
 * A bounded summary of one node's metadata log for comparing it with other nodes' logs: each batch's offsets, raft
 * epoch and stored CRC, the leaders the log records, and the voters of {@code bootstrap.checkpoint}. It stays small
 * whatever the log's length: the last {@link #TAIL} batches are kept in full (divergence lies near the end), and the
 * earlier ones are sampled at an even stride so that at most {@link #MAX_BATCHES} entries are kept.
 *
 * @param totalBatches    every batch the log holds up to its first damage (where Kafka's recovery cuts it)
 * @param batches         the batches kept, in offset order; the last {@code min(TAIL, totalBatches)} are contiguous
 * @param leaders         the LeaderChange control records (the last {@link #MAX_LEADERS}), in offset order
 * @param bootstrapVoters the voter ids of {@code bootstrap.checkpoint}'s VotersRecord, or null when it has none
 * @param quorumStateVoters the voter ids of quorum-state's own {@code currentVoters}, or null when it has none
 *                          (data_version 1, or an unreadable file)
 */
public record MetadataDigest(long totalBatches, List<Batch> batches, List<LeaderChange> leaders,
                             List<Integer> bootstrapVoters, List<Integer> quorumStateVoters) {

    /** How many of the last batches are kept in full. */
    public static final int TAIL = 1024;
    /** The most entries kept in all. */
    public static final int MAX_BATCHES = 2048;
    /** The most leader changes kept. */
    public static final int MAX_LEADERS = 256;

    public MetadataDigest {
        batches = List.copyOf(batches);
        leaders = List.copyOf(leaders);
        bootstrapVoters = bootstrapVoters == null ? null : List.copyOf(bootstrapVoters);
        quorumStateVoters = quorumStateVoters == null ? null : List.copyOf(quorumStateVoters);
    }

    /**
     * One record batch.
     *
     * @param baseOffset first offset
     * @param lastOffset last offset
     * @param epoch      partitionLeaderEpoch (the raft epoch of the leader that wrote it)
     * @param crc        the stored CRC-32C, unsigned
     */
    public record Batch(long baseOffset, long lastOffset, int epoch, long crc) {
    }

    /** A LeaderChange control record: in {@code epoch}, node {@code leaderId} led; written at {@code offset}. */
    public record LeaderChange(long offset, int epoch, int leaderId) {
    }

    /** Whether some batches before the tail were left out. */
    public boolean sampled() {
        return totalBatches > batches.size();
    }

    /** The offset after the last batch, or -1 when there is none. */
    public long endOffset() {
        return batches.isEmpty() ? -1 : batches.get(batches.size() - 1).lastOffset() + 1;
    }

    /** The first offset from which every batch is kept (the start of the tail), or -1 when there is none. */
    public long fullFrom() {
        if (batches.isEmpty()) return -1;
        if (!sampled()) return batches.get(0).baseOffset();
        int tail = (int) Math.min(TAIL, totalBatches);
        return batches.get(Math.max(0, batches.size() - tail)).baseOffset();
    }
}
