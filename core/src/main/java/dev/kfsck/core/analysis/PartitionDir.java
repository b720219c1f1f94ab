package dev.kfsck.core.analysis;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/**
 * One partition folder of a log dir, with its files sorted by kind.
 *
 * @param name              the parsed folder name
 * @param path              the folder
 * @param segments          segments by base offset, ascending
 * @param producerSnapshots producer-state snapshots ({@code <offset>.snapshot}) by offset
 * @param metadataSnapshots KRaft snapshots ({@code <offset>-<epoch>.checkpoint}), only in __cluster_metadata-0
 * @param leftovers         temporary files of interrupted operations (.deleted, .cleaned, .swap, .tmp, .checkpoint.part)
 * @param others            files kfsck does not classify
 */
public record PartitionDir(PartitionDirName name, Path path, List<SegmentFiles> segments,
                           SortedMap<Long, Path> producerSnapshots, List<Path> metadataSnapshots,
                           List<Path> leftovers, List<Path> others) {

    public Path leaderEpochCheckpoint() {
        return path.resolve("leader-epoch-checkpoint");
    }

    public Path partitionMetadata() {
        return path.resolve("partition.metadata");
    }

    public boolean isMetadata() {
        return name.isMetadata();
    }

    /** The segment with the highest base offset: the active one. */
    public SegmentFiles activeSegment() {
        return segments.isEmpty() ? null : segments.get(segments.size() - 1);
    }
}
