package dev.kfsck.cli.dump;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Decodes one kind of file for {@code kfsck dump}. A dumper calls core's parsers and hands what they read to a
 * {@link DumpSink}; it keeps going past damage, reporting each unreadable byte range as a hole.
 */
public interface Dumper {

    /** A short name for the kind of file, such as {@code quorum-state}; {@code kfsck dump --kind} takes it. */
    String kind();

    /** Whether this dumper decodes a file of this name (detection is by name, as Kafka's own loader does). */
    boolean handles(String fileName);

    void dump(Path file, DumpOptions options, DumpSink sink) throws IOException;
}
