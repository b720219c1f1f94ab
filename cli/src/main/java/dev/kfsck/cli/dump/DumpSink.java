package dev.kfsck.cli.dump;

import dev.kfsck.core.finding.Finding;

import java.nio.file.Path;
import java.util.Map;

/** Where a dumper sends what it decoded, in file order. Renders as text or as JSON lines. */
public interface DumpSink {

    /** A file starts. */
    void begin(Path file, String kind, long size);

    /**
     * One decoded element (a batch, a record, an entry, a field).
     *
     * @param offset first byte, or -1 when the element has no place of its own in the file
     * @param length its bytes, or -1
     * @param type   what it is, such as {@code batch} or {@code entry}
     * @param fields its decoded values, in order; the keys {@code file}, {@code kind}, {@code type}, {@code offset}
     *               and {@code length} are reserved
     */
    void entry(long offset, long length, String type, Map<String, ?> fields);

    /** A byte range that could not be decoded. */
    void hole(long offset, long length, String reason);

    /** A problem a parser found while decoding. */
    void finding(Finding finding);

    /** The file is done. */
    void end();
}
