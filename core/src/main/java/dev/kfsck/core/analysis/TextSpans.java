package dev.kfsck.core.analysis;

import java.nio.charset.StandardCharsets;

/** Byte ranges inside small text files, so cross-file findings can point at the exact field or line. */
final class TextSpans {

    /** A byte range. */
    record Span(long offset, long length) {
    }

    private TextSpans() {
    }

    /**
     * The value of a top-level JSON field on the first line ({@code "field": value}), as quorum-state holds it; null
     * when the field is not found. The value ends at the next ',', '}' or line end.
     */
    static Span jsonValue(byte[] bytes, String field) {
        byte[] key = ("\"" + field + "\"").getBytes(StandardCharsets.UTF_8);
        int end = lineEnd(bytes, 0);
        for (int i = 0; i + key.length <= end; i++) {
            if (!matches(bytes, i, key)) continue;
            int p = i + key.length;
            while (p < end && isSpace(bytes[p])) p++;
            if (p >= end || bytes[p] != ':') continue;
            p++;
            while (p < end && isSpace(bytes[p])) p++;
            int start = p;
            boolean quoted = p < end && bytes[p] == '"';
            if (quoted) {
                p++;
                while (p < end && bytes[p] != '"') p++;
                if (p < end) p++;
            } else {
                while (p < end && bytes[p] != ',' && bytes[p] != '}' && !isSpace(bytes[p])) p++;
            }
            return new Span(start, p - start);
        }
        return null;
    }

    /** The {@code n}th line (0-based), without its line end; null when the file has fewer lines. */
    static Span line(byte[] bytes, int n) {
        int start = 0;
        for (int i = 0; i < n; i++) {
            int e = lineEnd(bytes, start);
            if (e >= bytes.length) return null;
            start = e + 1;
        }
        if (start > bytes.length) return null;
        return new Span(start, lineEnd(bytes, start) - start);
    }

    private static int lineEnd(byte[] bytes, int from) {
        int i = from;
        while (i < bytes.length && bytes[i] != '\n') i++;
        return i;
    }

    private static boolean matches(byte[] bytes, int at, byte[] key) {
        for (int j = 0; j < key.length; j++) {
            if (bytes[at + j] != key[j]) return false;
        }
        return true;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }
}
