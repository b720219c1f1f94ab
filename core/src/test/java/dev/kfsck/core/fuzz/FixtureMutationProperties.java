package dev.kfsck.core.fuzz;

import dev.kfsck.core.format.segment.ByteSource;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentScan;
import dev.kfsck.core.format.segment.SegmentScanner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.format.segment.IndexVerifier;
import dev.kfsck.core.format.segment.OffsetIndexView;
import dev.kfsck.core.format.segment.TimeIndexView;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Real files written by a real broker, damaged (bit flips, truncation, zeroed ranges, duplicated or swapped ranges,
 * zero tails), then read by kfsck's parser and by Kafka's own reader: kfsck never throws, stays in the file, and
 * reports an ERROR whenever Kafka refuses the file (with the exceptions of {@link KafkaAgreement}). For segments the
 * valid prefix must be the one Kafka's {@code FileRecords} recovery keeps.
 */
class FixtureMutationProperties {

    @Property
    void kafkaRefusalIsAnErrorInKfsck(@ForAll("realFiles") FixtureCorpus.RealFile file,
                                      @ForAll("mutations") List<Mutation> mutations) {
        check(file, Mutation.applyAll(mutations, file.bytes()), () -> file + " after " + mutations);
    }

    static void check(FixtureCorpus.RealFile file, byte[] bytes, java.util.function.Supplier<String> context) {
        ParserRules.Checked c = ParserRules.check(file.kind(), file.rel(), bytes);
        KafkaOracle.Verdict kafka = KafkaOracle.judge(file.kind(), file.rel(), withoutZeroSlack(file.kind(), bytes));
        SegmentScan scan = c.outcomes().get(0).model() instanceof SegmentScan s ? s : null;
        // The first outcome is the one the checker uses: the recovering scan, the index of an active segment.
        List<Finding> findings = new ArrayList<>(c.outcomes().get(0).findings());
        findings.addAll(verifiedAgainstSegment(file, c));
        KafkaAgreement.assertAgrees(file.kind(), bytes, findings, scan, kafka, context);
        if (scan != null) assertSameScanThroughSmallWindows(file, bytes, scan, context);
    }

    /** The file on disk read through a small reused buffer and through small maps: the same scan as in memory. */
    static void assertSameScanThroughSmallWindows(FixtureCorpus.RealFile file, byte[] bytes, SegmentScan inMemory,
                                                  java.util.function.Supplier<String> context) {
        try {
            WriterRoundTripProperties.withTempFile(file.rel().substring(file.rel().lastIndexOf('/') + 1), bytes, path -> {
                for (ScanOptions o : List.of(ScanOptions.full().withSource(ByteSource.READ, 512),
                        ScanOptions.full().withSource(ByteSource.MAPPED, 4096))) {
                    SegmentScan s = SegmentScanner.scan(path, file.rel(), o);
                    assertEquals(inMemory.validBytes(), s.validBytes(), () -> o.source() + " " + context.get());
                    assertEquals(inMemory.findings(), s.findings(), () -> o.source() + " " + context.get());
                }
                return null;
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * An index means something only next to its segment: kfsck checks entries that point outside it with
     * {@link IndexVerifier} (what Kafka's sanityCheck sees of that, an entry below the base offset, included).
     */
    static List<Finding> verifiedAgainstSegment(FixtureCorpus.RealFile file, ParserRules.Checked c) {
        if (file.kind() != FileKind.OFFSET_INDEX && file.kind() != FileKind.TIME_INDEX) return List.of();
        FixtureCorpus corpus = FixtureCorpus.get();
        FixtureCorpus.RealFile segment = corpus.segmentOf(file);
        if (segment == null) return List.of();
        SegmentScan scan = corpus.scanOf(segment);
        Object view = c.outcomes().get(0).model();
        return view instanceof OffsetIndexView o ? IndexVerifier.verify(o, scan) : IndexVerifier.verify((TimeIndexView) view, scan);
    }

    /**
     * An active segment's index after an unclean stop is preallocated (10 MiB) with zero entries after the real ones.
     * Kafka's read-only sanityCheck refuses such a time index (last timestamp 0 below the first), but Kafka never
     * checks it: recovery of the active segment rebuilds both indexes. kfsck reports the slack itself as
     * IDX/TIDX-ZERO-SLACK outside the active segment. So Kafka judges the index as a clean shutdown leaves it
     * (trimmed to its entries), and the slack is left out of the comparison.
     */
    static byte[] withoutZeroSlack(FileKind kind, byte[] bytes) {
        int entry = kind == FileKind.OFFSET_INDEX ? 8 : kind == FileKind.TIME_INDEX ? 12 : 0;
        if (entry == 0 || bytes.length % entry != 0) return bytes;
        int end = bytes.length;
        while (end >= entry && KafkaAgreement.allZero(bytes, end - entry, end)) end -= entry;
        return end == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, end);
    }

    @Provide
    Arbitrary<FixtureCorpus.RealFile> realFiles() {
        FixtureCorpus corpus = FixtureCorpus.get();
        Assume.that(!corpus.isEmpty());
        return Arbitraries.of(corpus.byKind.keySet().toArray(FileKind[]::new))
                .flatMap(kind -> Arbitraries.of(corpus.of(kind)));
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutation.some();
    }
}
