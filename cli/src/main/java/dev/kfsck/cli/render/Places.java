package dev.kfsck.cli.render;

import dev.kfsck.core.finding.Location;

/** How a byte range is written for people. */
public final class Places {

    private Places() {
    }

    /** "bytes 120..180 (61 bytes)", "byte 120", or "" for a whole file. */
    public static String range(long offset, long length) {
        if (offset < 0) return "";
        if (length < 0) return "at byte " + offset;
        if (length == 0) return "at byte " + offset + " (empty)";
        return "bytes " + offset + ".." + (offset + length - 1) + " (" + length + (length == 1 ? " byte)" : " bytes)");
    }

    public static String range(Location l) {
        return range(l.offset(), l.length());
    }
}
