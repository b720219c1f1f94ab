package dev.kfsck.testdata.corrupt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The primitive, deterministic damages, each on one file of a COPY of a log dir. {@code logDir} is the log dir and
 * {@code file} a path relative to it; each returns an {@link Applied} that says exactly what changed.
 */
public final class Damage {

    private Damage() {
    }

    private static Path resolve(Path logDir, String file) {
        Path p = logDir.resolve(file);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("no file " + file + " in " + logDir);
        }
        return p;
    }

    /** Every byte of the file becomes zero; the length stays (an fs journal committed the size, not the data). */
    public static Applied nullFillFile(Path logDir, String file) {
        long size = size(resolve(logDir, file));
        return nullFillRange(logDir, file, 0, size).named("null-fill-file");
    }

    /** Bytes [offset, offset+length) become zero. */
    public static Applied nullFillRange(Path logDir, String file, long offset, long length) {
        Path p = resolve(logDir, file);
        writeAt(p, offset, new byte[Math.toIntExact(length)]);
        return new Applied("null-fill-range", Applied.Kind.NULL_FILL, file, p, offset, length,
                "zeroed " + length + " bytes of " + file + " at offset " + offset);
    }

    /** Appends {@code count} zero bytes (a file extended by preallocation or a crash, never written). */
    public static Applied zeroTail(Path logDir, String file, long count) {
        Path p = resolve(logDir, file);
        long old = size(p);
        writeAt(p, old, new byte[Math.toIntExact(count)]);
        return new Applied("zero-tail", Applied.Kind.ZERO_TAIL, file, p, old, count,
                "appended " + count + " zero bytes to " + file + " at offset " + old);
    }

    /** Cuts the file to {@code newLength} bytes. */
    public static Applied truncateAt(Path logDir, String file, long newLength) {
        Path p = resolve(logDir, file);
        long old = size(p);
        if (newLength > old) {
            throw new IllegalArgumentException(file + " has only " + old + " bytes");
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.truncate(newLength);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Applied("truncate", Applied.Kind.TRUNCATE, file, p, newLength, old - newLength,
                "truncated " + file + " from " + old + " to " + newLength + " bytes");
    }

    /** Inverts bit {@code bit} (0 = least significant) of the byte at {@code offset}. */
    public static Applied flipBit(Path logDir, String file, long offset, int bit) {
        Path p = resolve(logDir, file);
        byte[] b = readAt(p, offset, 1);
        byte before = b[0];
        b[0] ^= (byte) (1 << bit);
        writeAt(p, offset, b);
        return new Applied("flip-bit", Applied.Kind.FLIP_BIT, file, p, offset, 1, String.format(
                "flipped bit %d of the byte at offset %d of %s (0x%02x -> 0x%02x)", bit, offset, file, before & 0xff, b[0] & 0xff));
    }

    /** Overwrites [offset, offset+length) with bytes from a seeded generator (never all zero). */
    public static Applied garbage(Path logDir, String file, long offset, long length, long seed) {
        Path p = resolve(logDir, file);
        byte[] g = new byte[Math.toIntExact(length)];
        new Random(seed).nextBytes(g);
        for (int i = 0; i < g.length; i += 8) {
            g[i] |= 0x40; // each 8-byte slot starts non-zero, so an index reader cannot take it for unused space
        }
        writeAt(p, offset, g);
        return new Applied("garbage", Applied.Kind.GARBAGE, file, p, offset, length,
                "overwrote " + length + " bytes of " + file + " at offset " + offset + " with seeded garbage (seed " + seed + ")");
    }

    /**
     * Replaces the value of a top-level JSON field (a number or a string literal) in a one-line JSON file such as
     * quorum-state; the offset is where the new value starts, the length its length.
     */
    public static Applied replaceJsonField(Path logDir, String file, String field, String newLiteral) {
        Path p = resolve(logDir, file);
        String json = readString(p);
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(\"[^\"]*\"|-?[0-9]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no field " + field + " in " + file + ": " + json);
        }
        String updated = json.substring(0, m.start(1)) + newLiteral + json.substring(m.end(1));
        writeString(p, updated);
        long offset = json.substring(0, m.start(1)).getBytes(StandardCharsets.UTF_8).length;
        return new Applied("replace-json-field", Applied.Kind.REWRITE, file, p, offset,
                newLiteral.getBytes(StandardCharsets.UTF_8).length,
                "set " + field + " of " + file + " from " + m.group(1) + " to " + newLiteral + " (at offset " + offset + ")");
    }

    /** Rewrites line {@code lineIndex} (0-based) of a text file such as an offset checkpoint. */
    public static Applied replaceLine(Path logDir, String file, int lineIndex, String newLine) {
        Path p = resolve(logDir, file);
        String text = readString(p);
        int start = 0;
        for (int i = 0; i < lineIndex; i++) {
            start = text.indexOf('\n', start) + 1;
            if (start == 0) {
                throw new IllegalArgumentException(file + " has no line " + lineIndex);
            }
        }
        int end = text.indexOf('\n', start);
        end = end < 0 ? text.length() : end;
        String old = text.substring(start, end);
        writeString(p, text.substring(0, start) + newLine + text.substring(end));
        long offset = text.substring(0, start).getBytes(StandardCharsets.UTF_8).length;
        return new Applied("replace-line", Applied.Kind.REWRITE, file, p, offset,
                newLine.getBytes(StandardCharsets.UTF_8).length,
                "replaced line " + lineIndex + " of " + file + " ('" + old + "') with '" + newLine + "' at offset " + offset);
    }

    /** Appends a line to a text file; the offset is where it starts. */
    public static Applied appendLine(Path logDir, String file, String line) {
        Path p = resolve(logDir, file);
        String text = readString(p);
        writeString(p, text + line + "\n");
        long offset = text.getBytes(StandardCharsets.UTF_8).length;
        return new Applied("append-line", Applied.Kind.REWRITE, file, p, offset,
                line.getBytes(StandardCharsets.UTF_8).length, "appended '" + line + "' to " + file + " at offset " + offset);
    }

    /** Removes the file. */
    public static Applied remove(Path logDir, String file) {
        Path p = resolve(logDir, file);
        long old = size(p);
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Applied("remove", Applied.Kind.REMOVE, file, p, 0, old, "removed " + file + " (" + old + " bytes)");
    }

    /** Adds an (empty) folder to the log dir. */
    public static Applied addFolder(Path logDir, String folder) {
        Path p = logDir.resolve(folder);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Applied("add-folder", Applied.Kind.ADD_FOLDER, folder, p, 0, 0, "added folder " + folder);
    }

    static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] readAt(Path p, long offset, int length) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(length);
            while (buf.hasRemaining()) {
                if (ch.read(buf, offset + buf.position()) < 0) {
                    throw new IllegalArgumentException(p + " ends before " + (offset + length));
                }
            }
            return buf.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeAt(Path p, long offset, byte[] bytes) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf, offset + buf.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(Path p, String s) {
        try {
            Files.writeString(p, s, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Overwrites bytes inside the v2 record batch that starts at {@code batchPosition} and writes the batch's CRC-32C
     * anew, so the batch stays valid while a record in it changes: what a buggy writer produces, not bit rot.
     */
    public static Applied rewriteInValidBatch(Path logDir, String file, long batchPosition, long offset, byte[] bytes) {
        Path p = resolve(logDir, file);
        int batchLength = ByteBuffer.wrap(readAt(p, batchPosition + 8, 4)).getInt() + 12;
        if (offset < batchPosition + 61 || offset + bytes.length > batchPosition + batchLength) {
            throw new IllegalArgumentException("bytes at " + offset + " are not inside the records of the batch at " + batchPosition);
        }
        writeAt(p, offset, bytes);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(readAt(p, batchPosition + 21, batchLength - 21));
        writeAt(p, batchPosition + 17, ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return new Applied("rewrite-in-valid-batch", Applied.Kind.GARBAGE, file, p, offset, bytes.length,
                "rewrote " + bytes.length + " byte(s) of " + file + " at offset " + offset + " and the CRC of the batch at " + batchPosition);
    }
}
