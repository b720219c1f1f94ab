package dev.kfsck.core.repair.plan.trips;

import dev.kfsck.testdata.corrupt.Applied;
import dev.kfsck.testdata.corrupt.Corruption;
import dev.kfsck.testdata.corrupt.Damage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * LAYOUT-* codes: the log dir layout. LAYOUT-META-PROPERTIES-MISSING rides on a quorum-state trip of
 * {@link QuorumStateFamily}; this family's own trip also carries META-NUL-RANGE.
 */
final class LayoutFamily implements CodeFamily {

    private static final String MARKER = ".kafka_cleanshutdown";

    @Override
    public List<BrokerTrip> trips() {
        return List.of(
                BrokerTrip.of("clean shutdown marker over a damaged index; NUL tail on meta.properties", "single-4.3-clean",
                        // the marker finding is in the marker file; the damage that makes its removal necessary is the
                        // index (after a clean shutdown Kafka would trust it and skip recovery)
                        CodeCase.reportedAt("LAYOUT-CLEAN-SHUTDOWN", MARKER, Corruption.INDEX_GARBAGE::apply),
                        // power loss after the file's size was extended: 16 zero bytes at its end
                        CodeCase.of("META-NUL-RANGE", d -> Damage.zeroTail(d, QuorumStateFamily.META, 16))),
                // an operator's copies under names Kafka parses as offsets and cannot: each alone stops the broker
                BrokerTrip.of("misnamed copies of an index, a metadata log producer snapshot and a segment (unpadded swap)", "single-4.3-kill",
                        CodeCase.of("LAYOUT-BAD-FILE-NAME", d -> copied(d, "orders-1/00000000000000000000.index",
                                "orders-1/copy-of-00000000000000000000.index")),
                        CodeCase.of("LAYOUT-BAD-FILE-NAME", d -> copied(d, "__cluster_metadata-0/00000000000000000105.snapshot",
                                "__cluster_metadata-0/copy-of-00000000000000000105.snapshot")),
                        // unpadded swap beside its segment: Kafka would replace the segment with an empty swap
                        CodeCase.of("LAYOUT-BAD-FILE-NAME", d -> copied(d, "orders-0/00000000000000000202.log", "orders-0/202.log.swap"))));
    }

    private static Applied copied(Path logDir, String file, String rel) throws IOException {
        Files.copy(logDir.resolve(file), logDir.resolve(rel));
        return new Applied("misnamed-copy", Applied.Kind.REWRITE, rel, logDir.resolve(rel), 0, Files.size(logDir.resolve(rel)),
                "copied " + file + " to " + rel);
    }

    @Override
    public Map<String, String> notRepaired() {
        return Map.ofEntries(
                Map.entry("LAYOUT-NOT-A-DIRECTORY", "nothing to write: the path itself is wrong (mount, path)"),
                Map.entry("LAYOUT-METADATA-DIR-MISSING", "no safe value: the metadata log must come from another voter or a backup"),
                Map.entry("LAYOUT-UNREADABLE", "permissions or the filesystem: kfsck cannot read, so it cannot write safely"),
                Map.entry("LAYOUT-LEFTOVER-TEMP", "INFO: Kafka deletes or overwrites temporary files at startup"),
                Map.entry("LAYOUT-LEFTOVER-SWAP", "tolerated: Kafka completes the swap at startup"),
                Map.entry("LAYOUT-PARTITION-DELETE-PENDING", "INFO: Kafka deletes the folder after file.delete.delay.ms"),
                Map.entry("LAYOUT-PARTITION-FUTURE", "INFO: Kafka loads it as a future replica"),
                Map.entry("LAYOUT-PARTITION-STRAY", "may hold the only copy of records: left for a person (kfsck dump)"),
                Map.entry("LAYOUT-LOCK-HELD", "a running broker owns the dir: kfsck refuses to repair it"),
                Map.entry("LAYOUT-ORPHAN-INDEX", "INFO: Kafka deletes an index without its segment at startup"),
                Map.entry("LAYOUT-INDEX-MISSING", "Kafka recovers the segment and rebuilds its indexes at startup"),
                Map.entry("LAYOUT-UNKNOWN-FILE", "INFO: Kafka ignores files it does not know"));
    }

    @Override
    public Map<String, String> provenElsewhere() {
        return Map.of("LAYOUT-STRAY-FOLDER",
                "dev.kfsck.core.repair.plan.StrayFolderBrokerTest#theBrokerStartsOnceTheStrayFolderIsMovedOutAndUndoPutsItBack");
    }
}
