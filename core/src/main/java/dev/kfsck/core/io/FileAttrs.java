package dev.kfsck.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The owner, group and permission bits of a file, by number (uid and gid, not names: a repair pod and the broker
 * rarely share a user database).
 *
 * @param mode the permission bits, e.g. {@code 0640} (type bits stripped)
 * @param uid  the owning user id
 * @param gid  the owning group id
 */
public record FileAttrs(int mode, int uid, int gid) {

    /** What Kafka's own files usually carry: rw-r--r--, the broker's umask 022. */
    public static final int DEFAULT_MODE = 0644;

    public FileAttrs {
        mode &= 07777;
    }

    /** Reads the attributes of an existing file (not following a final symlink). */
    public static FileAttrs of(Path file) throws IOException {
        int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        int uid = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int gid = (Integer) Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        return new FileAttrs(mode, uid, gid);
    }

    /**
     * Attributes for a file that does not exist yet in {@code dir}: the directory's owner and group (the broker owns
     * its log dirs) and {@link #DEFAULT_MODE}.
     */
    public static FileAttrs forNewFileIn(Path dir) throws IOException {
        FileAttrs d = of(dir);
        return new FileAttrs(DEFAULT_MODE, d.uid, d.gid);
    }

    /** Sets owner and group first (a chown may clear set-id bits), then the mode. Skips what already matches. */
    public void applyTo(Path file) throws IOException {
        FileAttrs now = of(file);
        if (now.uid != uid) Files.setAttribute(file, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        if (now.gid != gid) Files.setAttribute(file, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        if (of(file).mode != mode) Files.setAttribute(file, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }

    /** The mode as four octal digits, e.g. {@code "0640"}. */
    public String modeOctal() {
        return String.format("%04o", mode);
    }

    public static int parseMode(String octal) {
        return Integer.parseInt(octal, 8);
    }

    @Override
    public String toString() {
        return modeOctal() + " " + uid + ":" + gid;
    }
}
