package dev.kfsck.core.analysis;

import dev.kfsck.core.format.checkpoint.EpochEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * Kafka's in-memory leader-epoch cache after it loads a checkpoint ({@code LeaderEpochFileCache.assign}, fact sheet
 * §4.2): entries taken in file order; one with the latest epoch and a start at or after the latest start is skipped;
 * otherwise every entry with an epoch or a start at or above the new one's is dropped first. The result strictly
 * increases in both epoch and start offset, whatever the file held.
 */
final class EpochCache {

    private EpochCache() {
    }

    /** Each kept entry with its index in the file. */
    record Kept(EpochEntry entry, int fileIndex) {
    }

    static List<Kept> load(List<EpochEntry> fileEntries) {
        List<Kept> cache = new ArrayList<>();
        for (int i = 0; i < fileEntries.size(); i++) {
            EpochEntry e = fileEntries.get(i);
            if (e.epoch() < 0 || e.startOffset() < 0) continue;
            if (!cache.isEmpty()) {
                EpochEntry latest = cache.get(cache.size() - 1).entry();
                if (latest.epoch() == e.epoch() && e.startOffset() >= latest.startOffset()) continue;
            }
            cache.removeIf(k -> k.entry().epoch() >= e.epoch() || k.entry().startOffset() >= e.startOffset());
            cache.add(new Kept(e, i));
        }
        return cache;
    }

    /** The epoch the cache gives an offset: the entry with the greatest start at or below it, or -1. */
    static int epochAt(List<Kept> cache, long offset) {
        int epoch = -1;
        for (Kept k : cache) {
            if (k.entry().startOffset() <= offset) epoch = k.entry().epoch();
            else break;
        }
        return epoch;
    }
}
