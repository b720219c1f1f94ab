package dev.kfsck.core.analysis;

import dev.kfsck.core.analysis.cluster.ClusterView;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataDigestBuilderTest {

    private static MetadataDigest digestOf(int batches, int recordsPerBatch) {
        MetadataDigestBuilder b = new MetadataDigestBuilder();
        for (int i = 0; i < batches; i++) {
            long base = (long) i * recordsPerBatch;
            b.add(base, base + recordsPerBatch - 1, i / 100, 0xFFFFFFFFL & (i * 2654435761L));
        }
        return b.build(null, null);
    }

    /** Whatever the log's length, the digest stays bounded, keeps the tail whole and samples only real batches. */
    @Property(tries = 60)
    void boundedWithAWholeTail(@ForAll @IntRange(min = 0, max = 20_000) int n, @ForAll @IntRange(min = 1, max = 5) int per) {
        MetadataDigest d = digestOf(n, per);
        assertEquals(n, d.totalBatches());
        assertTrue(d.batches().size() <= MetadataDigest.MAX_BATCHES, "bounded: " + d.batches().size());
        assertEquals(n <= MetadataDigest.MAX_BATCHES, !d.sampled());
        if (n == 0) return;
        int tail = Math.min(n, n <= MetadataDigest.MAX_BATCHES ? n : MetadataDigest.TAIL);
        List<MetadataDigest.Batch> kept = d.batches();
        for (int i = kept.size() - tail + 1; i < kept.size(); i++) {
            assertEquals(kept.get(i - 1).lastOffset() + 1, kept.get(i).baseOffset(), "tail contiguous");
        }
        assertEquals((long) n * per, d.endOffset());
        assertEquals(kept.get(kept.size() - tail).baseOffset(), d.fullFrom());
        Set<Long> bases = new HashSet<>();
        for (int i = 1; i < kept.size(); i++) assertTrue(kept.get(i - 1).baseOffset() < kept.get(i).baseOffset(), "in order");
        for (MetadataDigest.Batch b : kept) {
            assertEquals(0, b.baseOffset() % per, "a real batch start");
            assertTrue(bases.add(b.baseOffset()));
        }
        if (d.sampled()) assertTrue(kept.size() - tail >= (MetadataDigest.MAX_BATCHES - MetadataDigest.TAIL) / 2 - 1,
                "the sample uses at least half its room: " + (kept.size() - tail));
    }

    /** Two long logs that differ in one batch of the tail: the cluster view names that batch from the digests alone. */
    @Property(tries = 20)
    void divergenceInTheTailIsFoundFromSampledDigests(@ForAll @IntRange(min = 1, max = 1000) int fromEnd) {
        int n = 50_000;
        MetadataDigestBuilder a = new MetadataDigestBuilder();
        MetadataDigestBuilder b = new MetadataDigestBuilder();
        for (int i = 0; i < n; i++) {
            a.add(i, i, 1, i);
            b.add(i, i, 1, i == n - fromEnd ? i + 7 : i);
        }
        LogDirFacts fa = facts(0, a.build(null, null));
        LogDirFacts fb = facts(1, b.build(null, null));
        ClusterView v = ClusterView.of(List.of(new dev.kfsck.core.analysis.cluster.DirFacts("a", fa),
                new dev.kfsck.core.analysis.cluster.DirFacts("b", fb)));
        ClusterView.LogComparison c = v.metadataLog().logs().get(1);
        assertEquals(ClusterView.Relation.DIVERGED, c.relation());
        assertEquals(n - fromEnd, c.divergenceOffset());
    }

    private static LogDirFacts facts(int node, MetadataDigest d) {
        return new LogDirFacts(node, "c", "d" + node, 0, null, null, java.util.Map.of(), d, null);
    }
}
