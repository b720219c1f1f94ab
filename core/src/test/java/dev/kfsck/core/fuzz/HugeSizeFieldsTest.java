package dev.kfsck.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * No parser allocates by a size read from its input. Every length and count field of a real file (every 4-byte
 * window of its first bytes, every number of a text file, every record varint of a first batch) is set to
 * 2^31-1, 10^9, -1 and -2^31, batch CRCs made valid again so the parser goes past them, and the bytes the parsing
 * thread allocates are measured with {@code ThreadMXBean#getThreadAllocatedBytes}: they stay under {@link #LIMIT},
 * far below the 10^9 or more bytes such a field claims.
 */
class HugeSizeFieldsTest {

    /** 32 MiB: the metadata snapshot parser replays the snapshot into an image, a few MiB; a claimed size is 1 GB+. */
    static final long LIMIT = 32L << 20;

    static final int[] HUGE = {Integer.MAX_VALUE, 1_000_000_000, -1, Integer.MIN_VALUE};
    static final String[] HUGE_TEXT = {"2147483647", "1000000000", "-1", "-2147483648", "9223372036854775807",
            "99999999999999999999"};

    /** Start of a v2 batch's CRC-covered bytes, and where the CRC and the records count are. */
    private static final int CRC_AT = 17;
    private static final int ATTRIBUTES_AT = 21;
    private static final int RECORDS_AT = 61;

    @TestFactory
    Stream<DynamicTest> everyKind() {
        FixtureCorpus corpus = FixtureCorpus.get();
        assumeFalse(corpus.isEmpty(), "no fixtures");
        List<DynamicTest> tests = new ArrayList<>();
        for (FileKind kind : corpus.byKind.keySet()) {
            FixtureCorpus.RealFile file = corpus.of(kind).stream().filter(f -> f.bytes().length > 0)
                    .min(Comparator.comparingInt(f -> f.bytes().length < 16 ? Integer.MAX_VALUE : f.bytes().length))
                    .orElse(null);
            if (file == null) continue;
            tests.add(DynamicTest.dynamicTest(kind + " " + file, () -> {
                long max = 0;
                int n = 0;
                for (byte[] variant : variants(kind, file.bytes())) {
                    ParserRules.Checked c = ParserRules.check(kind, file.rel(), variant);
                    max = Math.max(max, c.allocatedBytes());
                    n++;
                    long allocated = c.allocatedBytes();
                    assertTrue(allocated < LIMIT, () -> kind + " allocated " + allocated + " bytes on " + Hex.head(variant));
                }
                assertTrue(n > 0);
                System.out.printf("%-20s %5d huge-field variants, at most %,d bytes allocated per parse%n", kind, n, max);
            }));
        }
        return tests.stream();
    }

    static List<byte[]> variants(FileKind kind, byte[] original) {
        return kind.isText() ? textVariants(original) : binaryVariants(original);
    }

    /** Each number in the text replaced by each huge value. */
    static List<byte[]> textVariants(byte[] original) {
        String text = new String(original, StandardCharsets.ISO_8859_1);
        List<byte[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("-?\\d+").matcher(text);
        int numbers = 0;
        while (m.find() && numbers++ < 64) {
            for (String huge : HUGE_TEXT) {
                out.add((text.substring(0, m.start()) + huge + text.substring(m.end())).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    /** Each 4-byte window of the first bytes set to each huge value; each record varint of the first batch too. */
    static List<byte[]> binaryVariants(byte[] original) {
        List<byte[]> out = new ArrayList<>();
        int firstBatchEnd = firstBatchEnd(original);
        for (int at = 0; at + 4 <= Math.min(original.length, 256); at++) {
            for (int huge : HUGE) {
                byte[] b = original.clone();
                ByteBuffer.wrap(b).putInt(at, huge);
                out.add(b);
                if (firstBatchEnd > 0 && at >= ATTRIBUTES_AT && at + 4 <= firstBatchEnd) out.add(withFirstCrc(b, firstBatchEnd));
            }
        }
        for (int at = RECORDS_AT; firstBatchEnd > 0 && at < Math.min(firstBatchEnd - 5, RECORDS_AT + 96); at++) {
            for (int huge : HUGE) {
                byte[] b = original.clone();
                writeZigZagVarint(b, at, huge);
                out.add(withFirstCrc(b, firstBatchEnd));
            }
        }
        return out;
    }

    /** The end of the first v2 batch when the file starts with one, else -1. */
    static int firstBatchEnd(byte[] b) {
        if (b.length < RECORDS_AT || b[16] != 2) return -1;
        long end = 12L + ByteBuffer.wrap(b).getInt(8);
        return end >= RECORDS_AT && end <= b.length ? (int) end : -1;
    }

    static byte[] withFirstCrc(byte[] b, int end) {
        byte[] c = b.clone();
        CRC32C crc = new CRC32C();
        crc.update(c, ATTRIBUTES_AT, end - ATTRIBUTES_AT);
        ByteBuffer.wrap(c).putInt(CRC_AT, (int) crc.getValue());
        return c;
    }

    static void writeZigZagVarint(byte[] b, int at, int value) {
        int v = (value << 1) ^ (value >> 31);
        int i = at;
        while ((v & ~0x7F) != 0 && i < b.length) {
            b[i++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        if (i < b.length) b[i] = (byte) v;
    }
}
