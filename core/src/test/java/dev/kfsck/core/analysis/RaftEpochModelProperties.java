package dev.kfsck.core.analysis;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.server.util.Scheduler;
import org.apache.kafka.storage.internals.checkpoint.LeaderEpochCheckpointFile;
import org.apache.kafka.storage.internals.epoch.LeaderEpochFileCache;
import org.apache.kafka.storage.internals.log.EpochEntry;
import org.apache.kafka.storage.internals.log.LogDirFailureChannel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The offline epoch model against Kafka's own {@code LeaderEpochFileCache}: the same checkpoint loaded, the same
 * batches recovered, the same truncation at the log end and start, the same entries after.
 */
class RaftEpochModelProperties {

    record Batch(int epoch, long baseOffset) {
    }

    record Case(List<RaftEpochModel.Entry> checkpoint, List<Batch> batches, long logStart, long logEnd) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<RaftEpochModel.Entry> entry = Combinators.combine(Arbitraries.integers().between(0, 8),
                Arbitraries.longs().between(0, 60)).as(RaftEpochModel.Entry::new);
        Arbitrary<List<RaftEpochModel.Entry>> checkpoint = entry.list().ofMaxSize(6);
        Arbitrary<List<Integer>> epochs = Arbitraries.integers().between(0, 8).list().ofMaxSize(12);
        Arbitrary<List<Integer>> gaps = Arbitraries.integers().between(1, 6).list().ofSize(12);
        return Combinators.combine(checkpoint, epochs, gaps, Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(-3, 3)).as((ckpt, es, gs, startBack, endShift) -> {
            List<Batch> batches = new ArrayList<>();
            long offset = 5;
            for (int i = 0; i < es.size(); i++) {
                batches.add(new Batch(es.get(i), offset));
                offset += gs.get(i);
            }
            long end = Math.max(0, offset + (batches.isEmpty() ? 0 : endShift));
            long start = Math.max(0, 5 - startBack);
            return new Case(ckpt, batches, start, end);
        });
    }

    @Property(tries = 200)
    void modelMatchesKafkasCache(@ForAll("cases") Case c) throws IOException {
        List<RaftEpochModel.Entry> changes = new ArrayList<>();
        int current = Integer.MIN_VALUE;
        for (Batch b : c.batches()) {
            if (b.epoch() != current) changes.add(new RaftEpochModel.Entry(b.epoch(), b.baseOffset()));
            current = b.epoch();
        }
        RaftEpochModel.Result ours = RaftEpochModel.compute(c.checkpoint(), changes, c.logStart(), c.logEnd(), Optional.empty());
        assertEquals(kafka(c), ours.cache(), c.toString());
        int expectedLast = ours.cache().isEmpty() ? 0 : ours.cache().get(ours.cache().size() - 1).epoch();
        assertEquals(expectedLast, ours.lastEpoch());
    }

    private static List<RaftEpochModel.Entry> kafka(Case c) throws IOException {
        Path dir = Files.createTempDirectory("kfsck-lec");
        try {
            LeaderEpochCheckpointFile file = new LeaderEpochCheckpointFile(LeaderEpochCheckpointFile.newFile(dir.toFile()),
                    new LogDirFailureChannel(1));
            file.write(c.checkpoint().stream().map(e -> new EpochEntry(e.epoch(), e.startOffset())).toList());
            LeaderEpochFileCache cache = new LeaderEpochFileCache(new TopicPartition("__cluster_metadata", 0), file, NO_SCHEDULER);
            for (Batch b : c.batches()) {
                if (cache.latestEpoch().map(e -> b.epoch() > e).orElse(true)) cache.assign(b.epoch(), b.baseOffset());
            }
            cache.truncateFromEndAsyncFlush(c.logEnd());
            cache.truncateFromStartAsyncFlush(c.logStart());
            return cache.epochEntries().stream().map(e -> new RaftEpochModel.Entry(e.epoch(), e.startOffset())).toList();
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) Files.delete(p);
            }
            Files.delete(dir);
        }
    }

    /** The cache only schedules its asynchronous flushes here; nothing needs to run. */
    private static final Scheduler NO_SCHEDULER = new Scheduler() {
        @Override
        public void startup() {
        }

        @Override
        public void shutdown() {
        }

        @Override
        public ScheduledFuture<?> schedule(String name, Runnable task, long delayMs, long periodMs) {
            return null;
        }

        @Override
        public void resizeThreadPool(int newSize) {
        }
    };
}
