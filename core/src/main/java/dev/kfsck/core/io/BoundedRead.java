package dev.kfsck.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads small files whole, never more than a fixed limit, whatever the file or any length field in it claims.
 * Reading never changes the file: no create, no lock, no write.
 */
public final class BoundedRead {

    /** What a read gave: the bytes (at most the limit), the real file size, and whether the file was longer. */
    public record Result(byte[] bytes, long size, boolean truncated) {
    }

    private BoundedRead() {
    }

    /**
     * Reads at most {@code limit} bytes of a regular file. The buffer grows with what is actually read, so a
     * sparse or lying file cannot make it allocate more than {@code limit}.
     */
    public static Result read(Path file, int limit) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
            throw new IOException("not a regular file: " + file);
        }
        long size = Files.size(file);
        int want = (int) Math.min(size, limit);
        byte[] buf = new byte[Math.min(want, 64 * 1024)];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (n < limit) {
                if (n == buf.length) buf = Arrays.copyOf(buf, (int) Math.min((long) limit, Math.max(16, 2L * buf.length)));
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) break;
                n += r;
            }
            boolean more = n >= limit && in.read() >= 0;
            return new Result(n == buf.length ? buf : Arrays.copyOf(buf, n), Math.max(size, n), more || size > limit);
        }
    }
}
