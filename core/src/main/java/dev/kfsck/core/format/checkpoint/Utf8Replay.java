package dev.kfsck.core.format.checkpoint;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells when Kafka's text readers fail on invalid UTF-8. Kafka reads quorum-state, checkpoints and
 * partition.metadata through {@code Files.newBufferedReader(path, UTF_8)}, whose decoder reports malformed input
 * as an {@code IOException}. That reader decodes ahead in blocks of 8192 characters, so bad bytes well after the
 * lines Kafka looks at can still make it fail, and bad bytes further on may never be seen. Rather than modelling
 * the JDK's buffering, this class runs the same JDK reader over the bytes in memory.
 */
public final class Utf8Replay {

    /**
     * What reading gave.
     *
     * @param lines        the lines returned before the end, the limit, or a decoding failure
     * @param failedAtCall 1-based number of the readLine call that threw, or 0 when none did
     */
    public record Result(List<String> lines, int failedAtCall) {
        public boolean failed() {
            return failedAtCall > 0;
        }
    }

    private Utf8Replay() {
    }

    /** Calls readLine at most {@code maxCalls} times, stopping at the end of input or at the first failure. */
    public static Result readLines(byte[] bytes, int length, int maxCalls) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new ByteArrayInputStream(bytes, 0, length), decoder))) {
            for (int call = 1; call <= maxCalls; call++) {
                String line;
                try {
                    line = reader.readLine();
                } catch (IOException e) {
                    return new Result(lines, call);
                }
                if (line == null) break;
                lines.add(line);
            }
        } catch (IOException e) {
            // closing an in-memory reader does not fail
        }
        return new Result(lines, 0);
    }

    /** Offset of the first byte of the first malformed UTF-8 sequence in {@code b[from, to)}, or -1. */
    public static int firstMalformed(byte[] b, int from, int to) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, from, to - from);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) return in.position();
            if (r.isOverflow()) {
                out.clear();
                continue;
            }
            r = decoder.flush(out);
            return r.isError() ? in.position() : -1;
        }
    }

    /** The bytes decoded as UTF-8, or null when they are not valid UTF-8. */
    public static String decode(byte[] b, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
