package dev.kfsck.cli.dump;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Every dumper kfsck has, and the choice of one for a file by its name. */
public final class Dumpers {

    private static final Dumper RAW = new HexDumper();

    /** The dumpers that know a kind of file, most specific first. The raw hex dumper is the fallback. */
    private static final List<Dumper> ALL = List.of(
            new QuorumStateDumper(),
            PropertiesDumper.metaProperties(),
            PropertiesDumper.partitionMetadata(),
            CheckpointDumper.offsets(),
            CheckpointDumper.leaderEpochs(),
            new SegmentDumper(),
            new IndexDumper(IndexDumper.Kind.OFFSET),
            new IndexDumper(IndexDumper.Kind.TIME),
            new IndexDumper(IndexDumper.Kind.TXN),
            new ProducerSnapshotDumper(),
            new MetadataSnapshotDumper(),
            RAW);

    private Dumpers() {
    }

    public static List<Dumper> all() {
        return ALL;
    }

    /** The dumper for this file's name; the raw hex dumper when none knows it. */
    public static Dumper forFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        for (Dumper d : ALL) {
            if (d != RAW && d.handles(name)) return d;
        }
        return RAW;
    }

    public static Optional<Dumper> byKind(String kind) {
        return ALL.stream().filter(d -> d.kind().equalsIgnoreCase(kind)).findFirst();
    }

    /** The kind names, for help text and errors. */
    public static List<String> kinds() {
        return ALL.stream().map(Dumper::kind).toList();
    }
}
