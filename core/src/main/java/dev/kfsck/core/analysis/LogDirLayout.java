package dev.kfsck.core.analysis;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a log dir holds, sorted the way Kafka's loader sorts it. Listing only: no file is opened.
 *
 * @param dir            the log dir
 * @param rootFiles      regular files in the root, by name
 * @param partitions     partition folders (live, -delete, -future, -stray), sorted by folder name
 * @param strayFolders   folders whose name Kafka cannot parse as a partition (fatal at startup)
 * @param unreadable     paths that could not be listed
 */
public record LogDirLayout(Path dir, List<String> rootFiles, List<PartitionDir> partitions,
                           List<Path> strayFolders, List<Path> unreadable) {

    public static final String META_PROPERTIES = "meta.properties";
    public static final String BOOTSTRAP_CHECKPOINT = "bootstrap.checkpoint";
    public static final String CLEAN_SHUTDOWN = ".kafka_cleanshutdown";
    public static final String LOCK = ".lock";
    public static final String METADATA_DIR = "__cluster_metadata-0";

    /** Root folders Kafka skips on purpose. */
    private static final List<String> SKIPPED_ROOT_FOLDERS = List.of("remote-log-index-cache");

    private static final Pattern OFFSET_FILE = Pattern.compile("^(\\d{20})(\\.log|\\.index|\\.timeindex|\\.txnindex|\\.snapshot)$");
    private static final Pattern KRAFT_SNAPSHOT = Pattern.compile("^\\d{20}-\\d{10}\\.checkpoint$");
    private static final Pattern LEFTOVER = Pattern.compile(".*(\\.deleted|\\.cleaned|\\.swap|\\.tmp|\\.checkpoint\\.part)$");

    public boolean hasRootFile(String name) {
        return rootFiles.contains(name);
    }

    public Optional<PartitionDir> metadataPartition() {
        return partitions.stream().filter(PartitionDir::isMetadata).findFirst();
    }

    /** Live partitions other than the metadata log. */
    public List<PartitionDir> dataPartitions() {
        return partitions.stream()
                .filter(p -> p.name().state() == PartitionDirName.State.LIVE && !p.isMetadata())
                .toList();
    }

    public boolean cleanShutdown() {
        return hasRootFile(CLEAN_SHUTDOWN);
    }

    /** Lists a log dir. Folders that cannot be read are recorded, not thrown. */
    public static LogDirLayout scan(Path dir) throws IOException {
        List<String> rootFiles = new ArrayList<>();
        List<PartitionDir> partitions = new ArrayList<>();
        List<Path> strays = new ArrayList<>();
        List<Path> unreadable = new ArrayList<>();
        for (Path p : sortedChildren(dir)) {
            String name = p.getFileName().toString();
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                if (SKIPPED_ROOT_FOLDERS.contains(name)) continue;
                Optional<PartitionDirName> pn = PartitionDirName.parse(name);
                if (pn.isEmpty()) {
                    strays.add(p);
                    continue;
                }
                try {
                    partitions.add(scanPartition(pn.get(), p));
                } catch (IOException e) {
                    unreadable.add(p);
                }
            } else {
                rootFiles.add(name);
            }
        }
        return new LogDirLayout(dir, List.copyOf(rootFiles), List.copyOf(partitions), List.copyOf(strays), List.copyOf(unreadable));
    }

    private static PartitionDir scanPartition(PartitionDirName name, Path dir) throws IOException {
        TreeMap<Long, SegmentFiles> segments = new TreeMap<>();
        SortedMap<Long, Path> producerSnapshots = new TreeMap<>();
        List<Path> metadataSnapshots = new ArrayList<>();
        List<Path> leftovers = new ArrayList<>();
        List<Path> others = new ArrayList<>();
        for (Path f : sortedChildren(dir)) {
            String fn = f.getFileName().toString();
            var m = OFFSET_FILE.matcher(fn);
            if (m.matches()) {
                long base = Long.parseLong(m.group(1));
                String suffix = m.group(2);
                if (suffix.equals(".snapshot")) {
                    producerSnapshots.put(base, f);
                } else {
                    SegmentFiles s = segments.getOrDefault(base, new SegmentFiles(base, null, null, null, null));
                    segments.put(base, s.with(suffix, f));
                }
            } else if (KRAFT_SNAPSHOT.matcher(fn).matches()) {
                metadataSnapshots.add(f);
            } else if (LEFTOVER.matcher(fn).matches()) {
                leftovers.add(f);
            } else {
                others.add(f);
            }
        }
        return new PartitionDir(name, dir, List.copyOf(segments.values()), Collections.unmodifiableSortedMap(producerSnapshots),
                List.copyOf(metadataSnapshots), List.copyOf(leftovers), List.copyOf(others));
    }

    private static List<Path> sortedChildren(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) children.add(p);
        }
        children.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return children;
    }
}
