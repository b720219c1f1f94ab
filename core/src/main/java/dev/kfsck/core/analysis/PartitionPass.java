package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.format.checkpoint.CheckpointKind;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The data partitions of a log dir: every live partition folder but {@code __cluster_metadata-0}, checked on a small
 * pool of threads (one partition per task, results merged in folder order, so the findings do not depend on
 * scheduling). Each segment is scanned in full through bounded windows, so memory stays bounded whatever the file
 * sizes. Then the rules over all partitions: root checkpoint entries without a folder, folders without an entry, and
 * a clean-shutdown marker beside damage Kafka will then never recover. Fills {@link Facts#PARTITIONS}.
 */
final class PartitionPass implements CheckPass {

    private final int threads;

    PartitionPass() {
        this(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    PartitionPass(int threads) {
        this.threads = threads;
    }

    @Override
    public String name() {
        return "partitions";
    }

    @Override
    public void run(LogDirContext ctx) throws IOException {
        List<PartitionDir> partitions = ctx.layout().dataPartitions();
        PartitionCheck.Shared shared = shared(ctx);
        RootOffsets root = shared.root();

        List<PartitionCheck.Result> results = checkAll(partitions, shared);

        Map<String, LogDirFacts.Partition> facts = ctx.get(Facts.PARTITIONS) == null ? new TreeMap<>() : new TreeMap<>(ctx.get(Facts.PARTITIONS));
        List<String> damaged = new ArrayList<>();
        boolean fatal = false;
        for (PartitionCheck.Result r : results) {
            ctx.addAll(r.findings());
            facts.put(r.topicPartition(), r.facts());
            damaged.addAll(r.unrecoveredDamage());
            fatal |= r.fatalWithoutRecovery();
        }
        ctx.put(Facts.PARTITIONS, facts);
        checkpointsVersusFolders(ctx, partitions, root);
        cleanShutdownBesideDamage(ctx, damaged, fatal);
    }

    /** What every partition check of this dir shares, from the context the earlier passes filled. */
    static PartitionCheck.Shared shared(LogDirContext ctx) {
        PartitionInputs inputs = PartitionInputs.from(ctx);
        RootOffsets root = inputs.offsets();
        return new PartitionCheck.Shared(root.offsets(CheckpointKind.RECOVERY_POINT),
                root.offsets(CheckpointKind.LOG_START_OFFSET), root.offsets(CheckpointKind.REPLICATION_OFFSET), root,
                inputs.image(), inputs.nodeId(), ctx.layout().cleanShutdown());
    }

    private List<PartitionCheck.Result> checkAll(List<PartitionDir> partitions, PartitionCheck.Shared shared) throws IOException {
        if (partitions.isEmpty()) return List.of();
        int n = Math.min(threads, partitions.size());
        AtomicInteger ids = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "kfsck-partitions-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PartitionCheck.Result>> futures = new ArrayList<>();
            for (PartitionDir p : partitions) futures.add(pool.submit(() -> PartitionCheck.run(p, shared)));
            List<PartitionCheck.Result> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                results.add(await(futures.get(i), partitions.get(i)));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static PartitionCheck.Result await(Future<PartitionCheck.Result> f, PartitionDir p) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while checking " + p.name().topicPartition());
        } catch (ExecutionException e) {
            // a bug, not bad data: report it on the partition and go on with the others
            Finding failed = LayoutCodes.UNREADABLE.at(Location.file(p.path().getFileName().toString()),
                    "the check of this partition failed: " + e.getCause(), Evidence.NONE);
            return new PartitionCheck.Result(p.name().topicPartition(), List.of(failed),
                    new LogDirFacts.Partition(null, null, null, null, null, List.of()), List.of(), false);
        }
    }

    /** R12 and R13: checkpoint entries without a live folder, live folders without an entry. */
    private static void checkpointsVersusFolders(LogDirContext ctx, List<PartitionDir> partitions, RootOffsets root) {
        Set<String> live = new HashSet<>();
        for (PartitionDir p : partitions) live.add(p.name().topicPartition());
        for (CheckpointKind kind : List.of(CheckpointKind.RECOVERY_POINT, CheckpointKind.REPLICATION_OFFSET,
                CheckpointKind.LOG_START_OFFSET, CheckpointKind.CLEANER_OFFSET)) {
            for (Map.Entry<String, Long> e : new TreeMap<>(root.offsets(kind)).entrySet()) {
                if (live.contains(e.getKey())) continue;
                ctx.add(PartitionCodes.CKPT_NO_FOLDER.at(root.entryLine(kind, e.getKey()), kind.fileName() + " has an entry for "
                        + e.getKey() + " (offset " + e.getValue() + ") but the log dir has no folder " + e.getKey(),
                        Evidence.of(e.getKey(), "a partition folder")));
            }
        }
        for (PartitionDir p : partitions) {
            String tp = p.name().topicPartition();
            List<String> missing = new ArrayList<>();
            for (CheckpointKind kind : List.of(CheckpointKind.RECOVERY_POINT, CheckpointKind.REPLICATION_OFFSET)) {
                if (root.readable(kind) && !root.offsets(kind).containsKey(tp)) missing.add(kind.fileName());
            }
            if (!missing.isEmpty()) {
                ctx.add(PartitionCodes.FOLDER_NO_CKPT.at(Location.file(ctx.relative(p.path())), tp + " has no entry in "
                        + String.join(" or ", missing), Evidence.of("no entry", String.join(", ", missing))));
            }
        }
    }

    /** R20: a clean-shutdown marker makes Kafka skip the recovery that would have handled this damage. */
    private static void cleanShutdownBesideDamage(LogDirContext ctx, List<String> damaged, boolean fatal) {
        if (!ctx.layout().cleanShutdown() || damaged.isEmpty()) return;
        List<String> shown = damaged.size() > 10 ? damaged.subList(0, 10) : damaged;
        Finding f = PartitionCodes.CLEAN_SHUTDOWN_WITH_DAMAGE.at(Location.file(LogDirLayout.CLEAN_SHUTDOWN),
                "the dir was shut down cleanly, so Kafka will not recover " + damaged.size() + " damaged file"
                        + (damaged.size() == 1 ? "" : "s") + ": " + String.join(", ", shown)
                        + (damaged.size() > shown.size() ? ", …" : "")
                        + (fatal ? "; a zero tail makes Kafka fail computing the log end" : ""),
                Evidence.of(LogDirLayout.CLEAN_SHUTDOWN, "no marker while segments need recovery"));
        ctx.add(fatal ? f.withReaction(KafkaReaction.STARTUP_FATAL) : f);
    }
}
