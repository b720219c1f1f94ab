package dev.kfsck.core.format.checkpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits bytes into lines the way {@link java.io.BufferedReader#readLine()} does: {@code \n}, {@code \r\n} and a
 * lone {@code \r} all end a line, and text after the last terminator is a last, unterminated line. Works on bytes so
 * every line keeps its byte offset; the terminator bytes never occur inside a multi-byte UTF-8 sequence, so the
 * split agrees with the one Kafka makes on the decoded text. Shared by the text formats of kfsck.
 */
public final class TextLines {

    /**
     * One line.
     *
     * @param start          offset of its first byte
     * @param end            offset just past its last content byte
     * @param terminatorSize 0 (last line, no terminator), 1 ({@code \n} or {@code \r}) or 2 ({@code \r\n})
     */
    public record Line(int start, int end, int terminatorSize) {
        public int length() {
            return end - start;
        }

        /** Offset of the next line's first byte. */
        public int next() {
            return end + terminatorSize;
        }

        public boolean terminated() {
            return terminatorSize > 0;
        }
    }

    private TextLines() {
    }

    /** All lines of {@code b[0, limit)}; an empty input has no lines, as readLine returns null at once. */
    public static List<Line> split(byte[] b, int limit) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < limit) {
            byte c = b[i];
            if (c == '\n') {
                lines.add(new Line(start, i, 1));
                start = ++i;
            } else if (c == '\r') {
                int t = (i + 1 < limit && b[i + 1] == '\n') ? 2 : 1;
                lines.add(new Line(start, i, t));
                i += t;
                start = i;
            } else {
                i++;
            }
        }
        if (start < limit) lines.add(new Line(start, limit, 0));
        return lines;
    }

    /** The first line only, or null for empty input. Stops scanning at the first terminator. */
    public static Line first(byte[] b, int limit) {
        if (limit == 0) return null;
        for (int i = 0; i < limit; i++) {
            if (b[i] == '\n') return new Line(0, i, 1);
            if (b[i] == '\r') return new Line(0, i, (i + 1 < limit && b[i + 1] == '\n') ? 2 : 1);
        }
        return new Line(0, limit, 0);
    }
}
