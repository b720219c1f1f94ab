package dev.kfsck.core.finding;

import java.util.Objects;

/**
 * Where a finding lies: a file relative to the log dir it was found in, and a byte range when one applies.
 *
 * @param logDir the log dir, as given to the checker (empty for a single file checked on its own)
 * @param file   the file or folder, relative to {@code logDir}, with '/' separators
 * @param offset the first byte concerned, or -1 when the finding is about the file as a whole
 * @param length the number of bytes concerned, or -1 when unknown or not applicable
 */
public record Location(String logDir, String file, long offset, long length) implements Comparable<Location> {

    public Location {
        Objects.requireNonNull(logDir, "logDir");
        Objects.requireNonNull(file, "file");
    }

    public static Location file(String file) {
        return new Location("", file, -1, -1);
    }

    public static Location at(String file, long offset, long length) {
        return new Location("", file, offset, length);
    }

    public Location inLogDir(String dir) {
        return new Location(dir, file, offset, length);
    }

    @Override
    public int compareTo(Location o) {
        int c = logDir.compareTo(o.logDir);
        if (c != 0) return c;
        c = file.compareTo(o.file);
        if (c != 0) return c;
        return Long.compare(offset, o.offset);
    }

    @Override
    public String toString() {
        String where = logDir.isEmpty() ? file : logDir + "/" + file;
        if (offset < 0) return where;
        return length < 0 ? where + "@" + offset : where + "@" + offset + "+" + length;
    }
}
