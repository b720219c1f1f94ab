package dev.kfsck.core.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Collects a {@link MetadataDigest} batch by batch in bounded memory: a ring of the last {@link MetadataDigest#TAIL}
 * batches, and before it a sample whose stride doubles whenever it would grow past the remaining room.
 */
final class MetadataDigestBuilder {

    private record Indexed(long index, MetadataDigest.Batch batch) {
    }

    private final Deque<Indexed> tail = new ArrayDeque<>();
    private final List<Indexed> head = new ArrayList<>();
    private final Deque<MetadataDigest.LeaderChange> leaders = new ArrayDeque<>();
    private long total;
    private long stride = 1;
    private long lastOffset = -1;

    /** Adds the next batch; batches must come in offset order (others are ignored). */
    void add(long baseOffset, long lastOffset, int epoch, long crc) {
        if (baseOffset <= this.lastOffset) return;
        this.lastOffset = lastOffset;
        tail.addLast(new Indexed(total++, new MetadataDigest.Batch(baseOffset, lastOffset, epoch, crc)));
        if (total <= MetadataDigest.MAX_BATCHES) return;
        while (tail.size() > MetadataDigest.TAIL) {
            Indexed evicted = tail.removeFirst();
            if (evicted.index() % stride == 0) head.add(evicted);
            int room = MetadataDigest.MAX_BATCHES - MetadataDigest.TAIL;
            if (head.size() > room) {
                stride *= 2;
                head.removeIf(i -> i.index() % stride != 0);
            }
        }
    }

    void leaderChange(long offset, int epoch, int leaderId) {
        leaders.addLast(new MetadataDigest.LeaderChange(offset, epoch, leaderId));
        if (leaders.size() > MetadataDigest.MAX_LEADERS) leaders.removeFirst();
    }

    MetadataDigest build(List<Integer> bootstrapVoters, List<Integer> quorumStateVoters) {
        List<MetadataDigest.Batch> batches = new ArrayList<>(head.size() + tail.size());
        head.forEach(i -> batches.add(i.batch()));
        tail.forEach(i -> batches.add(i.batch()));
        return new MetadataDigest(total, batches, List.copyOf(leaders), bootstrapVoters, quorumStateVoters);
    }
}
