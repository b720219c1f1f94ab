package dev.kfsck.benchmarks.corpus;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * JSON-like record values of a chosen length: a few fixed fields, an id, and words from a fixed vocabulary, so that
 * codecs compress them roughly as they compress application events (about 2-4x), not as they compress zeros.
 */
final class RecordText {

    private final SplittableRandom random;
    private final String[] words;

    RecordText(SplittableRandom random) {
        this.random = random;
        this.words = new String[4096];
        for (int i = 0; i < words.length; i++) {
            int len = 3 + random.nextInt(8);
            StringBuilder w = new StringBuilder(len);
            for (int j = 0; j < len; j++) {
                w.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = w.toString();
        }
    }

    byte[] value(long seq, int length) {
        StringBuilder sb = new StringBuilder(length + 16);
        sb.append("{\"seq\":").append(seq)
                .append(",\"id\":\"").append(Long.toHexString(random.nextLong())).append(Long.toHexString(random.nextLong()))
                .append("\",\"ts\":").append(1_700_000_000_000L + seq * 3 + random.nextInt(1000))
                .append(",\"amount\":").append(random.nextInt(100_000) / 100.0)
                .append(",\"text\":\"");
        while (sb.length() < length - 2) {
            sb.append(words[random.nextInt(words.length)]).append(' ');
        }
        sb.setLength(Math.max(length - 2, 0));
        sb.append("\"}");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
