package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Big files do not make the check allocate by their size (measured per thread): a real active segment grown by a sparse zero tail to just over 2 GiB
 * (past Kafka's 2 GiB segment limit) and a sparse 512 MiB offset index are checked within the test JVM's heap, and
 * the check still says what Kafka would do.
 */
class PartitionPassScaleTest {

    @TempDir
    Path tmp;

    @Test
    void hugeSparseTailsAreCheckedWithoutReadingThemIntoTheHeap() throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-kill");
        Path dir = Fixtures.copy("single-4.3-kill", tmp).resolve(m.firstNode().logDir());
        Path log = dir.resolve("orders-0/00000000000000000202.log");
        long realSize = Files.size(log);
        grow(log, (2L << 30) + 4096);
        grow(dir.resolve("orders-0/00000000000000000202.index"), 512L << 20);

        long start = System.nanoTime();
        LogDirContext ctx = PartitionPassFixturesTest.check(dir);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        // the same partition checked again on this thread, counting what it allocates on the heap
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        PartitionDir orders = ctx.layout().dataPartitions().stream()
                .filter(p -> p.name().topicPartition().equals("orders-0")).findFirst().orElseThrow();
        PartitionCheck.Shared shared = PartitionPass.shared(ctx);
        long before = mx.getCurrentThreadAllocatedBytes();
        PartitionCheck.Result again = PartitionCheck.run(orders, shared);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        System.out.println("orders-0 with a 2 GiB log and a 512 MiB index: " + seconds + " s for the dir, "
                + (allocated >> 20) + " MiB allocated for the partition");
        assertTrue(allocated < (64L << 20), "allocated " + allocated + " bytes for 2.5 GiB of files");
        assertEquals(ctx.get(Facts.PARTITIONS).get("orders-0"), again.facts());

        List<Finding> onLog = ctx.findings().stream().filter(f -> f.location().file().equals("orders-0/00000000000000000202.log")).toList();
        Finding tail = onLog.stream().filter(f -> f.code().id().equals("SEG-ZERO-TAIL")).findFirst().orElseThrow(() -> new AssertionError(onLog));
        assertEquals(realSize, tail.location().offset());
        assertEquals(KafkaReaction.TRUNCATES_ON_RECOVERY, tail.reaction());
        assertTrue(onLog.stream().anyMatch(f -> f.code().id().equals("SEG-TOO-LARGE")), onLog.toString());
        assertEquals(622, ctx.get(Facts.PARTITIONS).get("orders-0").logEndOffset());
        // the active segment's index slack is normal after a kill: no finding, whatever its size
        assertTrue(ctx.findings().stream().noneMatch(f -> f.location().file().endsWith("00000000000000000202.index")));
        assertTrue(seconds < 120, "took " + seconds + " s");
    }

    private static void grow(Path file, long size) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1), size - 1);
        }
    }
}
