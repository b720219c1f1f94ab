package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Location;

import java.util.ArrayList;
import java.util.List;

/** Rules over several log dirs at once. */
final class CrossDirRules {

    private CrossDirRules() {
    }

    static List<Finding> apply(List<LogDirContext> dirs, List<LogDirReport> reports) {
        List<Finding> out = new ArrayList<>();
        boolean anyMetadata = dirs.stream().anyMatch(c -> c.layout().metadataPartition().isPresent());
        if (!anyMetadata) {
            for (LogDirContext c : dirs) {
                if (!c.layout().dataPartitions().isEmpty()) {
                    out.add(LayoutCodes.METADATA_DIR_MISSING.at(new Location(c.dir().toString(), LogDirLayout.METADATA_DIR, -1, -1),
                            "none of the checked dirs holds __cluster_metadata-0, but this one holds "
                                    + c.layout().dataPartitions().size() + " partitions",
                            Evidence.of("missing", LogDirLayout.METADATA_DIR)));
                }
            }
        }
        return out;
    }
}
