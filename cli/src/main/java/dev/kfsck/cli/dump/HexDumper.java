package dev.kfsck.cli.dump;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dumper for files no other dumper knows: 16 bytes per row as hex and text, with runs of zero rows folded
 * into one (a null-filled file, a preallocated index tail).
 */
public final class HexDumper implements Dumper {

    private static final int ROW = 16;

    @Override
    public String kind() {
        return "raw";
    }

    @Override
    public boolean handles(String fileName) {
        return true;
    }

    @Override
    public void dump(Path file, DumpOptions options, DumpSink sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] row = new byte[ROW];
            long offset = 0;
            long zerosFrom = -1;
            int n;
            while ((n = in.readNBytes(row, 0, ROW)) > 0) {
                if (n == ROW && allZero(row)) {
                    if (zerosFrom < 0) zerosFrom = offset;
                } else {
                    zerosFrom = flushZeros(sink, zerosFrom, offset);
                    sink.entry(offset, n, "bytes", row(row, n));
                }
                offset += n;
                if (n < ROW) break;
            }
            flushZeros(sink, zerosFrom, offset);
        }
    }

    private static long flushZeros(DumpSink sink, long from, long to) {
        if (from >= 0) sink.entry(from, to - from, "zeros", Map.of("bytes", to - from));
        return -1;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    private static Map<String, Object> row(byte[] b, int n) {
        StringBuilder hex = new StringBuilder(n * 3);
        StringBuilder text = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            if (i > 0) hex.append(' ');
            hex.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
            text.append(b[i] >= 0x20 && b[i] < 0x7f ? (char) b[i] : '.');
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hex", hex.toString());
        m.put("text", text.toString());
        return m;
    }
}
