package dev.kfsck.core.format.metadata;

import java.util.List;
import java.util.Optional;

/**
 * Where a metadata image came from.
 *
 * @param snapshotFile    the snapshot it starts from (relative to the log dir), or empty when none was used
 * @param snapshotId      that snapshot's id
 * @param logFiles        the metadata log segments whose records were replayed after it
 * @param firstLogOffset  the first log offset replayed, or -1 when no log record was replayed
 * @param lastLogOffset   the last log offset replayed, or -1
 * @param lastEpoch       the epoch of the last record the image contains (from the log, else the snapshot), or -1
 * @param appliedRecords  log records applied to the image
 * @param skippedRecords  records that could not be applied (each has a finding)
 */
public record ImageProvenance(String snapshotFile, Optional<SnapshotId> snapshotId, List<String> logFiles,
                              long firstLogOffset, long lastLogOffset, int lastEpoch, int appliedRecords,
                              int skippedRecords) {

    public ImageProvenance {
        logFiles = List.copyOf(logFiles);
    }

    /** The offset just after the last record the image contains, or 0 for an empty history. */
    public long endOffset() {
        if (lastLogOffset >= 0) return lastLogOffset + 1;
        return snapshotId.map(SnapshotId::endOffset).orElse(0L);
    }
}
