package dev.kfsck.core.format.segment;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.segment.KafkaBatches.BatchFacts;
import org.apache.kafka.storage.internals.log.AbortedTxn;
import org.apache.kafka.storage.internals.log.OffsetIndex;
import org.apache.kafka.storage.internals.log.TimeIndex;
import org.apache.kafka.storage.internals.log.TransactionIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Index files written by Kafka's own index classes parse and verify cleanly; damaged ones give findings. */
class IndexKafkaTest {

    private static final long BASE = 1000;

    @TempDir
    Path dir;

    private Path segment;
    private SegmentScan scan;
    private Path activeIndex;
    private Path activeTimeIndex;
    private Path index;
    private Path timeIndex;
    private int kafkaEntries;
    private int kafkaTimeEntries;

    /** A segment and its indexes, built the way Kafka's recovery does (an entry after more than 4096 bytes). */
    private void build() throws IOException {
        segment = KafkaBatches.write(dir, BASE, KafkaBatches.assortedSegment(BASE, 400, 77));
        scan = SegmentScanner.scan(segment, segment.getFileName().toString(), ScanOptions.full().withBatchIndex(true));
        Path kdir = Files.createDirectory(dir.resolve("kafka"));
        OffsetIndex oi = new OffsetIndex(kdir.resolve("x.index").toFile(), BASE, 10 << 20, true);
        TimeIndex ti = new TimeIndex(kdir.resolve("x.timeindex").toFile(), BASE, 10 << 20, true);
        long bytesSince = 0;
        long maxTs = -1;
        long maxTsOffset = -1;
        for (BatchFacts b : KafkaBatches.kafkaBatches(segment)) {
            if (b.maxTimestamp() > maxTs) {
                maxTs = b.maxTimestamp();
                maxTsOffset = b.lastOffset();
            }
            if (bytesSince > 4096) {
                oi.append(b.lastOffset(), (int) b.position());
                ti.maybeAppend(maxTs, maxTsOffset);
                bytesSince = 0;
            }
            bytesSince += b.size();
        }
        ti.maybeAppend(maxTs, maxTsOffset, true);
        oi.flush();
        ti.flush();
        kafkaEntries = oi.entries();
        kafkaTimeEntries = ti.entries();
        assertTrue(kafkaEntries > 20 && kafkaTimeEntries > 20);
        activeIndex = Files.copy(kdir.resolve("x.index"), dir.resolve("active.index"));
        activeTimeIndex = Files.copy(kdir.resolve("x.timeindex"), dir.resolve("active.timeindex"));
        assertEquals(10 << 20, Files.size(activeIndex));
        oi.close();
        ti.close();
        index = Files.copy(kdir.resolve("x.index"), dir.resolve("closed.index"));
        timeIndex = Files.copy(kdir.resolve("x.timeindex"), dir.resolve("closed.timeindex"));
    }

    @Test
    void kafkasIndexesParseAndVerifyWithoutFindings() throws IOException {
        build();
        Parsed<OffsetIndexView> closed = OffsetIndexView.parse(index, "closed.index", BASE, false);
        Parsed<OffsetIndexView> active = OffsetIndexView.parse(activeIndex, "active.index", BASE, true);
        assertEquals(List.of(), closed.findings());
        assertEquals(List.of(), active.findings());
        assertEquals(kafkaEntries, closed.model().entries());
        assertEquals(kafkaEntries, active.model().entries());
        assertEquals((10 << 20) / 8, active.model().slots());
        try (OffsetIndex ref = new OffsetIndex(Files.copy(index, dir.resolve("ref.index")).toFile(), BASE, 10 << 20, false)) {
            for (int i = 0; i < kafkaEntries; i++) {
                assertEquals(ref.entry(i).offset(), closed.model().offset(i));
                assertEquals(ref.entry(i).position(), closed.model().position(i));
            }
        }
        assertEquals(List.of(), IndexVerifier.verify(closed.model(), scan));
        assertEquals(List.of(), IndexVerifier.verify(active.model(), scan));

        Parsed<TimeIndexView> tclosed = TimeIndexView.parse(timeIndex, "closed.timeindex", BASE, false);
        Parsed<TimeIndexView> tactive = TimeIndexView.parse(activeTimeIndex, "active.timeindex", BASE, true);
        assertEquals(List.of(), tclosed.findings());
        assertEquals(List.of(), tactive.findings());
        assertEquals(kafkaTimeEntries, tclosed.model().entries());
        assertEquals(kafkaTimeEntries, tactive.model().entries());
        try (TimeIndex ref = new TimeIndex(Files.copy(timeIndex, dir.resolve("ref.timeindex")).toFile(), BASE, 10 << 20, false)) {
            for (int i = 0; i < kafkaTimeEntries; i++) {
                assertEquals(ref.entry(i).timestamp(), tclosed.model().timestamp(i));
                assertEquals(ref.entry(i).offset(), tclosed.model().offset(i));
            }
        }
        assertEquals(List.of(), IndexVerifier.verify(tclosed.model(), scan));
        assertEquals(List.of(), IndexVerifier.verify(tactive.model(), scan));
    }

    @Test
    void zeroSlackIsAFindingOnlyOutsideTheActiveSegment() throws IOException {
        build();
        Parsed<OffsetIndexView> p = OffsetIndexView.parse(activeIndex, "x.index", BASE, false);
        assertEquals(List.of(IndexCodes.OFFSET_INDEX_ZERO_SLACK), codes(p.findings()));
        assertEquals((long) kafkaEntries * 8, p.findings().get(0).location().offset());
        assertEquals(p.model().slackStart(), p.findings().get(0).location().offset());
        assertEquals(List.of(IndexCodes.TIME_INDEX_ZERO_SLACK),
                codes(TimeIndexView.parse(activeTimeIndex, "x.timeindex", BASE, false).findings()));
    }

    @Test
    void damagedOffsetIndexEntries() throws IOException {
        build();
        byte[] good = Files.readAllBytes(index);
        assertEquals(List.of(IndexCodes.OFFSET_INDEX_NOT_INCREASING), parseAndVerify(withEntrySwap(good, 3, 4)));
        byte[] shifted = good.clone();
        ByteBuffer.wrap(shifted).putInt(5 * 8 + 4, ByteBuffer.wrap(good).getInt(5 * 8 + 4) + 1);
        assertEquals(List.of(IndexCodes.OFFSET_INDEX_NOT_ON_BATCH), parseAndVerify(shifted));
        byte[] wrongOffset = good.clone();
        ByteBuffer.wrap(wrongOffset).putInt(5 * 8, ByteBuffer.wrap(good).getInt(5 * 8) - 1);
        assertEquals(List.of(IndexCodes.OFFSET_INDEX_OFFSET_MISMATCH), parseAndVerify(wrongOffset));
        byte[] past = good.clone();
        ByteBuffer.wrap(past).putInt(past.length - 4, Integer.MAX_VALUE).putInt(past.length - 8, Integer.MAX_VALUE);
        assertEquals(List.of(IndexCodes.OFFSET_INDEX_PAST_SEGMENT), parseAndVerify(past));
        assertEquals(List.of(IndexCodes.OFFSET_INDEX_LENGTH), parseAndVerify(Arrays.copyOf(good, good.length - 3)));
        byte[] garbage = new byte[1 << 16];
        new java.util.Random(3).nextBytes(garbage);
        List<FindingCode> g = parseAndVerify(garbage);
        assertTrue(g.contains(IndexCodes.OFFSET_INDEX_NOT_INCREASING) && g.contains(IndexCodes.MORE_FINDINGS), g.toString());
    }

    private List<FindingCode> parseAndVerify(byte[] bytes) {
        Parsed<OffsetIndexView> p = OffsetIndexView.parse("x.index", ByteBuffer.wrap(bytes), BASE, false);
        List<Finding> all = new java.util.ArrayList<>(p.findings());
        all.addAll(IndexVerifier.verify(p.model(), scan));
        return codes(all);
    }

    private static byte[] withEntrySwap(byte[] b, int i, int j) {
        byte[] c = b.clone();
        System.arraycopy(b, i * 8, c, j * 8, 8);
        System.arraycopy(b, j * 8, c, i * 8, 8);
        return c;
    }

    @Test
    void damagedTimeIndexEntries() throws IOException {
        build();
        byte[] good = Files.readAllBytes(timeIndex);
        byte[] back = good.clone();
        ByteBuffer.wrap(back).putLong(4 * 12, ByteBuffer.wrap(good).getLong(2 * 12));
        assertEquals(List.of(IndexCodes.TIME_INDEX_TIMESTAMP_BACKWARDS), timeCodes(back));
        byte[] off = good.clone();
        int rel = ByteBuffer.wrap(good).getInt(4 * 12 + 8);
        while (scan.batchIndex().batchEndingAt(BASE + rel) >= 0) rel--; // an offset inside a batch, not at its end
        assertTrue(rel > ByteBuffer.wrap(good).getInt(3 * 12 + 8));
        ByteBuffer.wrap(off).putInt(4 * 12 + 8, rel);
        assertEquals(List.of(IndexCodes.TIME_INDEX_NOT_BATCH_END), timeCodes(off));
    }

    private List<FindingCode> timeCodes(byte[] bytes) {
        Parsed<TimeIndexView> p = TimeIndexView.parse("x.timeindex", ByteBuffer.wrap(bytes), BASE, false);
        List<Finding> all = new java.util.ArrayList<>(p.findings());
        all.addAll(IndexVerifier.verify(p.model(), scan));
        return codes(all);
    }

    @Test
    void transactionIndexWrittenByKafka() throws IOException {
        Path f = dir.resolve("00000000000000001000.txnindex");
        try (TransactionIndex ti = new TransactionIndex(BASE, f.toFile())) {
            for (int i = 0; i < 5; i++) ti.append(new AbortedTxn(7 + i, BASE + i * 10, BASE + i * 10 + 5, BASE + i * 10 + 6));
            ti.flush();
        }
        byte[] good = Files.readAllBytes(f);
        Parsed<TxnIndexView> p = TxnIndexView.parse(f, f.getFileName().toString(), BASE);
        assertEquals(List.of(), p.findings());
        List<AbortedTxn> kafka = kafkaTxns(good);
        assertEquals(kafka.size(), p.model().entries());
        for (int i = 0; i < kafka.size(); i++) {
            assertEquals(kafka.get(i).producerId(), p.model().producerId(i));
            assertEquals(kafka.get(i).firstOffset(), p.model().firstOffset(i));
            assertEquals(kafka.get(i).lastOffset(), p.model().lastOffset(i));
            assertEquals(kafka.get(i).lastStableOffset(), p.model().lastStableOffset(i));
        }
        // a partial entry: Kafka ignores it
        byte[] partial = Arrays.copyOf(good, good.length + 20);
        assertEquals(5, kafkaTxns(partial).size());
        assertEquals(List.of(IndexCodes.TXN_PARTIAL_ENTRY), txnCodes(partial));
        // version 0x0001: Kafka reads only the high byte and accepts it
        byte[] low = good.clone();
        low[1] = 1;
        assertEquals(5, kafkaTxns(low).size());
        assertEquals(List.of(IndexCodes.TXN_VERSION_LOW_BYTE), txnCodes(low));
        // version 0x0100: Kafka's iterator throws
        byte[] high = good.clone();
        high[34] = 1;
        assertThrows(RuntimeException.class, () -> kafkaTxns(high));
        assertEquals(List.of(IndexCodes.TXN_BAD_VERSION), txnCodes(high));
        // an entry ending below the base offset: Kafka's sanity check fails
        byte[] below = good.clone();
        ByteBuffer.wrap(below).putLong(TxnIndexView.LAST_OFFSET, BASE - 1).putLong(TxnIndexView.FIRST_OFFSET, BASE - 3);
        Path bf = Files.write(dir.resolve("below.txnindex"), below);
        try (TransactionIndex ti = new TransactionIndex(BASE, bf.toFile())) {
            assertThrows(RuntimeException.class, ti::sanityCheck);
        }
        assertEquals(List.of(IndexCodes.TXN_LAST_OFFSET_BELOW_BASE), txnCodes(below));
    }

    private List<AbortedTxn> kafkaTxns(byte[] bytes) throws IOException {
        Path f = Files.createTempFile(dir, "k", ".txnindex");
        Files.write(f, bytes);
        try (TransactionIndex ti = new TransactionIndex(BASE, f.toFile())) {
            return ti.allAbortedTxns();
        }
    }

    private static List<FindingCode> txnCodes(byte[] bytes) {
        return codes(TxnIndexView.parse("x.txnindex", ByteBuffer.wrap(bytes), BASE).findings());
    }

    static List<FindingCode> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).distinct().toList();
    }

    @Test
    void indexVerifierNeedsABatchIndex() throws IOException {
        build();
        SegmentScan plain = SegmentScanner.scan(segment, segment.getFileName().toString(), ScanOptions.full());
        OffsetIndexView v = OffsetIndexView.parse(index, "x.index", BASE, false).model();
        assertThrows(IllegalArgumentException.class, () -> IndexVerifier.verify(v, plain));
        Files.copy(index, dir.resolve("y.index"), StandardCopyOption.REPLACE_EXISTING);
    }
}
