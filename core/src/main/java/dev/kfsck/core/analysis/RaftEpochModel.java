package dev.kfsck.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kafka's view of the metadata log's epochs after startup, worked out offline (fact sheet §4.2, §9.4, R1, R4):
 *
 * <ol>
 *   <li>the leader-epoch cache loads the checkpoint's entries through {@code assign}, which keeps it strictly
 *       increasing in epoch and start offset;</li>
 *   <li>recovery (the whole metadata log, at every start) assigns each batch epoch above the latest cached one;</li>
 *   <li>entries starting at or after the log end are dropped, and entries before the log start are folded into
 *       one at the log start;</li>
 *   <li>raft's last written epoch is the latest cached epoch, else the latest snapshot's epoch, else 0;</li>
 *   <li>if the latest snapshot is ahead of the log (higher epoch, or the same epoch and a later end), the whole log
 *       is discarded and restarts at the snapshot's end offset.</li>
 * </ol>
 */
final class RaftEpochModel {

    /** An epoch and the first offset written in it. */
    record Entry(int epoch, long startOffset) {
    }

    /** A snapshot id: exclusive end offset and epoch. */
    record Snapshot(long endOffset, int epoch) {
    }

    /**
     * The outcome.
     *
     * @param cache           the epoch cache after load (before any reset to a snapshot)
     * @param lastEpoch       raft's last written epoch after startup (after any reset)
     * @param logStart        the log start after startup
     * @param logEnd          the log end after startup
     * @param resetToSnapshot whether Kafka discards the whole log for the latest snapshot
     */
    record Result(List<Entry> cache, int lastEpoch, long logStart, long logEnd, boolean resetToSnapshot) {
    }

    private final List<Entry> cache = new ArrayList<>();

    private RaftEpochModel() {
    }

    /**
     * @param checkpoint  the checkpoint's entries in file order (empty when the file is missing or unreadable)
     * @param batchEpochs every change of batch epoch in the recovered log, in offset order
     * @param logStart    the first segment's base offset
     * @param logEnd      the log end offset after recovery
     * @param latest      the latest retained snapshot, if any
     */
    static Result compute(List<Entry> checkpoint, List<Entry> batchEpochs, long logStart, long logEnd,
                          Optional<Snapshot> latest) {
        RaftEpochModel m = new RaftEpochModel();
        for (Entry e : checkpoint) {
            if (e.epoch() >= 0 && e.startOffset() >= 0) m.assign(e);
        }
        for (Entry b : batchEpochs) {
            if (m.cache.isEmpty() || b.epoch() > m.latest().epoch()) m.assign(b);
        }
        m.truncateFromEnd(logEnd);
        m.truncateFromStart(logStart);
        List<Entry> loaded = List.copyOf(m.cache);
        int logEpoch = loaded.isEmpty() ? latest.map(Snapshot::epoch).orElse(0) : loaded.get(loaded.size() - 1).epoch();
        if (latest.isPresent()) {
            Snapshot s = latest.get();
            if (s.epoch() > logEpoch || (s.epoch() == logEpoch && s.endOffset() > logEnd)) {
                return new Result(loaded, s.epoch(), s.endOffset(), s.endOffset(), true);
            }
        }
        return new Result(loaded, logEpoch, logStart, logEnd, false);
    }

    private Entry latest() {
        return cache.get(cache.size() - 1);
    }

    /** {@code LeaderEpochFileCache.assign}: skip a same-epoch entry that starts no earlier, else drop conflicts. */
    private void assign(Entry e) {
        if (!cache.isEmpty() && latest().epoch() == e.epoch() && e.startOffset() >= latest().startOffset()) return;
        while (!cache.isEmpty() && (latest().epoch() >= e.epoch() || latest().startOffset() >= e.startOffset())) {
            cache.remove(cache.size() - 1);
        }
        cache.add(e);
    }

    private void truncateFromEnd(long end) {
        if (cache.isEmpty() || latest().startOffset() < end) return;
        cache.removeIf(e -> e.startOffset() >= end);
    }

    private void truncateFromStart(long start) {
        Entry lastRemoved = null;
        while (!cache.isEmpty() && cache.get(0).startOffset() <= start) {
            lastRemoved = cache.remove(0);
        }
        if (lastRemoved != null) cache.add(0, new Entry(lastRemoved.epoch(), start));
    }
}
