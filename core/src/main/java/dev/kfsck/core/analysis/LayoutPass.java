package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.format.segment.SegmentCodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Pass 1: what the dir holds, before any file is opened. */
final class LayoutPass implements CheckPass {

    @Override
    public String name() {
        return "layout";
    }

    @Override
    public void run(LogDirContext ctx) {
        LogDirLayout layout = ctx.layout();
        for (Path stray : layout.strayFolders()) {
            ctx.add(LayoutCodes.STRAY_FOLDER.at(Location.file(ctx.relative(stray)),
                    "folder '" + stray.getFileName() + "' is not in the form topic-partition; Kafka exits with \"Error starting LogManager\"",
                    Evidence.of(stray.getFileName(), "<topic>-<partition>")));
        }
        for (Path p : layout.unreadable()) {
            ctx.add(LayoutCodes.UNREADABLE.at(Location.file(ctx.relative(p)), "cannot list " + ctx.relative(p), Evidence.NONE));
        }
        if (!layout.hasRootFile(LogDirLayout.META_PROPERTIES)) {
            ctx.add(LayoutCodes.META_PROPERTIES_MISSING.at(Location.file(LogDirLayout.META_PROPERTIES),
                    "no meta.properties in the log dir root", Evidence.of("missing", "meta.properties")));
        }
        if (layout.cleanShutdown()) {
            ctx.add(LayoutCodes.CLEAN_SHUTDOWN_MARKER.at(Location.file(LogDirLayout.CLEAN_SHUTDOWN),
                    "the last shutdown was clean: Kafka will not recover or CRC-check any segment of this dir", Evidence.NONE));
        }
        for (String f : layout.rootFiles()) {
            if (KafkaFileNames.kafkaTempAtRoot(f)) {
                ctx.add(LayoutCodes.LEFTOVER_TEMP.at(Location.file(f), "temporary file of an interrupted write", Evidence.seen(f)));
            } else if (!KafkaFileNames.knownAtRoot(f) && Files.isRegularFile(ctx.dir().resolve(f))) {
                unknownFile(ctx, ctx.dir().resolve(f), "the log dir root");
            }
        }
        for (PartitionDir p : layout.partitions()) {
            String rel = ctx.relative(p.path());
            switch (p.name().state()) {
                case DELETE -> ctx.add(LayoutCodes.PARTITION_DELETE_PENDING.at(Location.file(rel), "partition folder pending deletion", Evidence.NONE));
                case FUTURE -> ctx.add(LayoutCodes.PARTITION_FUTURE.at(Location.file(rel), "future replica of an unfinished log-dir move", Evidence.NONE));
                case STRAY -> ctx.add(LayoutCodes.STRAY_REPLICA_FOLDER.at(Location.file(rel),
                        "stray replica of " + p.name().topicPartition() + ": not served, never deleted by Kafka", Evidence.NONE));
                case LIVE -> { }
            }
            boolean live = p.name().state() == PartitionDirName.State.LIVE;
            for (Path f : p.leftovers()) {
                String name = f.getFileName().toString();
                if (misnamed(ctx, f)) continue;
                if (!KafkaFileNames.knownInPartition(name, p.isMetadata())) {
                    if (Files.isRegularFile(f)) unknownFile(ctx, f, where(p));
                } else if (name.endsWith(".swap")) {
                    ctx.add(LayoutCodes.LEFTOVER_SWAP.at(Location.file(ctx.relative(f)),
                            "unfinished swap: Kafka completes it and deletes the segments it overlaps", Evidence.seen(name)));
                } else {
                    ctx.add(LayoutCodes.LEFTOVER_TEMP.at(Location.file(ctx.relative(f)), "temporary file of an interrupted operation", Evidence.seen(name)));
                }
            }
            if (live) misnamedSegments(ctx, p);
            for (Path f : p.others()) misnamed(ctx, f);
            unknownFiles(ctx, p);
            for (SegmentFiles s : p.segments()) {
                if (s.log() == null) {
                    for (Path idx : new Path[] {s.index(), s.timeIndex(), s.txnIndex()}) {
                        if (idx != null) {
                            ctx.add(LayoutCodes.ORPHAN_INDEX.at(Location.file(ctx.relative(idx)), "index without a .log segment; Kafka deletes it", Evidence.NONE));
                        }
                    }
                } else if (s.index() == null) {
                    ctx.add(LayoutCodes.SEGMENT_INDEX_MISSING.at(Location.file(ctx.relative(s.log())),
                            "segment has no .index; Kafka recovers it and rebuilds the index", Evidence.of("missing", ctx.relative(s.log()).replace(".log", ".index"))));
                }
            }
        }
    }

    /**
     * Files of a partition folder that Kafka does not know there ({@link KafkaFileNames}), other than the leftovers
     * handled above. KRaft snapshot names count only in {@code __cluster_metadata-0}: elsewhere no part of Kafka
     * lists them.
     */
    private static void unknownFiles(LogDirContext ctx, PartitionDir p) {
        List<Path> candidates = new ArrayList<>(p.others());
        if (!p.isMetadata()) candidates.addAll(p.metadataSnapshots());
        for (Path f : candidates) {
            if (!KafkaFileNames.knownInPartition(f.getFileName().toString(), p.isMetadata()) && Files.isRegularFile(f)) {
                unknownFile(ctx, f, where(p));
            }
        }
    }

    private static String where(PartitionDir p) {
        return p.isMetadata() ? "the metadata log folder" : "a partition folder";
    }

    private static void unknownFile(LogDirContext ctx, Path f, String where) {
        String name = f.getFileName().toString();
        ctx.add(LayoutCodes.UNKNOWN_FILE.at(Location.file(ctx.relative(f)), "'" + Evidence.printable(name)
                        + "' is not a file Kafka 4.3.1 knows in " + where + ": the broker never reads, moves or deletes it",
                Evidence.of(name, "a file name Kafka writes here")));
    }

    /**
     * A {@code .log} file whose name is not 20 digits: Kafka's log loader takes every {@code *.log} file as a segment and
     * parses the name up to its first dot as the base offset. A name that is no number stops the broker
     * (NumberFormatException while loading logs); a number without the zero padding makes Kafka open an empty segment
     * under the padded name, so the file's records are never served and the log ends at that offset.
     * {@code __cluster_metadata-0} is no exception: {@code KafkaRaftLog.createLog} (raft, 4.3.1) loads it through the
     * same {@code UnifiedLog.create} and {@code LogLoader}, while {@code SharedServer} starts the raft manager, before
     * any data partition is loaded; the NumberFormatException ends the startup there ("Got exception while starting
     * SharedServer", then "Exiting Kafka due to fatal exception during startup").
     */
    private static void misnamedSegments(LogDirContext ctx, PartitionDir p) {
        for (Path f : p.others()) {
            String name = f.getFileName().toString();
            if (!name.endsWith(".log")) continue;
            String stem = name.substring(0, name.indexOf('.'));
            Long base = parseOffset(stem);
            String rel = ctx.relative(f);
            if (base == null) {
                ctx.add(SegmentCodes.BAD_FILE_NAME.at(Location.file(rel), "'" + name + "' is taken for a segment and '" + stem
                                + "' is no offset: Kafka exits while loading the logs (NumberFormatException)",
                        Evidence.of(name, "<20 digits>.log")));
            } else {
                ctx.add(SegmentCodes.BAD_FILE_NAME.at(Location.file(rel), "'" + name + "' is taken for the segment at offset " + base
                                + ", but Kafka opens it under the padded name " + String.format("%020d.log", base)
                                + " (empty if missing): the records of this file are never loaded",
                        Evidence.of(name, String.format("%020d.log", base))).withReaction(KafkaReaction.TRUNCATES_ON_RECOVERY));
            }
        }
    }

    /**
     * Reports {@code LAYOUT-BAD-FILE-NAME} when {@code f} has a suffix Kafka parses the offset of (other than .log) and
     * its name before the first dot is no number; true when it did. In every partition folder, -delete, -future and
     * -stray ones included: {@code LogManager.loadLog} (core, 4.3.1) creates the {@code UnifiedLog} of each before it
     * looks at the folder's suffix. A number without the zero padding is reported for a
     * segment swap only ({@link #unpaddedSwap}); elsewhere it is harmless, as read from LogLoader and
     * ProducerStateManager (not tried on a broker): Kafka reads {@code 5.snapshot} as the snapshot at offset 5 and
     * deletes or renames it through its own path, deletes {@code 5.index} when no {@code 00000000000000000005.log}
     * exists and never opens it otherwise, and deletes {@code 5.cleaned}.
     */
    private static boolean misnamed(LogDirContext ctx, Path f) {
        String name = f.getFileName().toString();
        String suffix = KafkaFileNames.offsetParsedSuffix(name);
        if (suffix == null || !Files.isRegularFile(f)) return false;
        String stem = name.substring(0, name.indexOf('.'));
        Long base = parseOffset(stem);
        if (base != null) return name.endsWith(".log.swap") && unpaddedSwap(ctx, f, stem, base);
        String reader = suffix.equals(".snapshot") ? "Kafka's producer state manager takes every *.snapshot file for a producer snapshot"
                : suffix.equals(".cleaned") || suffix.equals(".swap") ? "Kafka's log loader reads the offset of every *" + suffix + " file before it deletes or renames it"
                : "Kafka's log loader takes every *" + suffix + " file for an index of the segment at the offset in its name";
        ctx.add(LayoutCodes.BAD_FILE_NAME.at(Location.file(ctx.relative(f)), reader + ", and '" + Evidence.printable(stem)
                        + "' is no offset: the broker exits while loading the logs (NumberFormatException)",
                Evidence.of(name, "<20 digits>" + (suffix.equals(".swap") || suffix.equals(".cleaned") ? ".<log|index|...>" : "") + suffix)));
        return true;
    }

    /**
     * A segment swap whose offset lacks the zero padding ({@code 202.log.swap}). Kafka opens the swap segment under the
     * padded name, which creates an empty {@code 00000000000000000202.log.swap} (and its index), renames every
     * {@code .swap} to its final name (the empty one over a segment of that name), then loads {@code 202.log} as the
     * segment at 202, opening the padded, empty file: the swap's records are never served, and those of a segment at
     * 202 are lost (both shown on a real broker, {@code BrokerStartsTest}).
     */
    private static boolean unpaddedSwap(LogDirContext ctx, Path f, String stem, long base) {
        String padded = String.format("%020d", base);
        if (stem.equals(padded)) return false;
        String name = f.getFileName().toString();
        ctx.add(LayoutCodes.BAD_FILE_NAME.at(Location.file(ctx.relative(f)), "'" + name + "' is taken for the swap of the segment at offset "
                                + base + ", but Kafka completes it under the padded name " + padded + ".log.swap, which it creates empty:"
                                + " the records of this file are never loaded, and a segment " + padded + ".log is replaced by the empty file",
                        Evidence.of(name, padded + ".log.swap"))
                .withReaction(KafkaReaction.TRUNCATES_ON_RECOVERY));
        return true;
    }

    /** Kafka's reading of a segment name's offset ({@code Long.parseLong} of the part before the first dot), or null. */
    private static Long parseOffset(String stem) {
        try {
            return Long.parseLong(stem);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
