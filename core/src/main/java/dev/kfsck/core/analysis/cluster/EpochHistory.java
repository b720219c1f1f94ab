package dev.kfsck.core.analysis.cluster;

import dev.kfsck.core.analysis.LogDirFacts.EpochStart;

import java.util.ArrayList;
import java.util.List;

/**
 * A replica's leader-epoch history (epoch and first offset of each), and how Kafka answers and acts on
 * OffsetsForLeaderEpoch with it: {@link #endOffsetFor} answers as the leader's {@code LeaderEpochFileCache} does, and
 * {@link #truncationOffset} follows a rejoining replica's fetches to the offset it truncates to.
 *
 * @param entries strictly increasing in epoch and start offset (others are dropped on construction)
 */
public record EpochHistory(List<EpochStart> entries) {

    /** Kafka's UNDEFINED_EPOCH and UNDEFINED_EPOCH_OFFSET. */
    public static final int UNDEFINED_EPOCH = -1;
    public static final long UNDEFINED_OFFSET = -1;

    public EpochHistory {
        List<EpochStart> clean = new ArrayList<>();
        if (entries != null) {
            for (EpochStart e : entries) {
                if (e == null || e.epoch() < 0 || e.startOffset() < 0) continue;
                if (!clean.isEmpty()) {
                    EpochStart last = clean.get(clean.size() - 1);
                    if (e.epoch() <= last.epoch() || e.startOffset() < last.startOffset()) continue;
                }
                clean.add(e);
            }
        }
        entries = List.copyOf(clean);
    }

    /** An epoch and the offset where it ends (exclusive). */
    public record EpochEnd(int epoch, long endOffset) {
        static final EpochEnd UNDEFINED = new EpochEnd(UNDEFINED_EPOCH, UNDEFINED_OFFSET);
    }

    public int latestEpoch() {
        return entries.isEmpty() ? UNDEFINED_EPOCH : entries.get(entries.size() - 1).epoch();
    }

    /**
     * The largest epoch at most {@code requested} and the offset where it ends: the start of the next epoch, or
     * {@code logEndOffset} for the latest one. A requested epoch below the first gives that epoch and the first start
     * offset; one above the latest is undefined.
     */
    public EpochEnd endOffsetFor(int requested, long logEndOffset) {
        if (requested == UNDEFINED_EPOCH || entries.isEmpty()) return EpochEnd.UNDEFINED;
        if (requested == latestEpoch()) return new EpochEnd(requested, logEndOffset);
        EpochStart floor = null;
        EpochStart higher = null;
        for (EpochStart e : entries) {
            if (e.epoch() <= requested) floor = e;
            else {
                higher = e;
                break;
            }
        }
        if (higher == null) return EpochEnd.UNDEFINED;
        return floor == null ? new EpochEnd(requested, higher.startOffset()) : new EpochEnd(floor.epoch(), higher.startOffset());
    }

    /** The history of the log cut at {@code offset} (entries starting at or after it dropped). */
    public EpochHistory truncatedTo(long offset) {
        return new EpochHistory(entries.stream().filter(e -> e.startOffset() < offset).toList());
    }

    /**
     * Where a follower with this history and log end truncates when it fetches from {@code leader}: it asks for the
     * end of its latest epoch, cuts at the answer when the leader had that epoch, and otherwise cuts and asks again
     * with its new latest epoch. Returns {@code followerLogEnd} when nothing is cut.
     *
     * @param fallback where the follower cuts when the leader cannot answer (Kafka uses its high watermark)
     */
    public long truncationOffset(long followerLogEnd, EpochHistory leader, long leaderLogEnd, long fallback) {
        EpochHistory follower = this;
        long end = followerLogEnd;
        for (int round = 0; round <= entries.size() + 1; round++) {
            int fe = follower.latestEpoch();
            if (fe == UNDEFINED_EPOCH) return Math.min(end, leaderLogEnd);
            EpochEnd answer = leader.endOffsetFor(fe, leaderLogEnd);
            if (answer.endOffset() == UNDEFINED_OFFSET) return Math.min(end, Math.max(0, fallback));
            if (answer.epoch() == fe) return Math.min(answer.endOffset(), end);
            EpochEnd own = follower.endOffsetFor(answer.epoch(), end);
            if (own.endOffset() == UNDEFINED_OFFSET) return Math.min(end, Math.max(0, fallback));
            if (own.epoch() == answer.epoch()) return Math.min(Math.min(own.endOffset(), answer.endOffset()), end);
            // The follower never had the leader's epoch: cut to the end of its own older epoch and ask again.
            end = Math.min(own.endOffset(), end);
            follower = follower.truncatedTo(end);
        }
        return end;
    }
}
