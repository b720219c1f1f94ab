package dev.kfsck.testdata.corrupt;

import java.nio.file.Path;

/**
 * What a corruption did, so a test can expect a finding at exactly that place.
 *
 * @param name        the corruption's name (a {@link Corruption} constant, or a primitive's name)
 * @param kind        the kind of damage
 * @param file        the damaged file (or added folder) relative to the log dir, '/'-separated, e.g.
 *                    {@code __cluster_metadata-0/quorum-state}
 * @param path        the same file as an absolute path in the copy
 * @param offset      the first byte touched (for a truncation: the new length; for an append: the old length)
 * @param length      how many bytes were touched (for a truncation: how many were cut off; for a removal: the
 *                    removed file's length)
 * @param description in words, with the numbers
 */
public record Applied(String name, Kind kind, String file, Path path, long offset, long length, String description) {

    /** The kinds of damage the primitives do. */
    public enum Kind {
        /** Bytes [offset, offset+length) became zero; the file kept its length. */
        NULL_FILL,
        /** {@code length} zero bytes were appended at {@code offset} (the old length). */
        ZERO_TAIL,
        /** The file was cut to {@code offset} bytes; {@code length} bytes were lost. */
        TRUNCATE,
        /** One bit of the byte at {@code offset} was inverted ({@code length} = 1). */
        FLIP_BIT,
        /** Bytes [offset, offset+length) of the new file were rewritten (other bytes may have shifted after them). */
        REWRITE,
        /** Bytes [offset, offset+length) were overwritten in place with other non-zero content; length kept. */
        GARBAGE,
        /** The file was removed ({@code length} = its old length). */
        REMOVE,
        /** A folder was added ({@code offset} = {@code length} = 0). */
        ADD_FOLDER
    }

    public Applied named(String newName) {
        return new Applied(newName, kind, file, path, offset, length, description);
    }
}
