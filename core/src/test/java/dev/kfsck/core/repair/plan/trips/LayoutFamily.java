package dev.kfsck.core.repair.plan.trips;

import dev.kfsck.testdata.corrupt.Corruption;
import dev.kfsck.testdata.corrupt.Damage;
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
                        CodeCase.of("META-NUL-RANGE", d -> Damage.zeroTail(d, QuorumStateFamily.META, 16))));
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
                Map.entry("LAYOUT-UNKNOWN-FILE", "INFO: Kafka ignores files it does not know"),
                Map.entry("LAYOUT-BAD-FILE-NAME", "no planner yet: moving the file out of the log dir by hand is the repair"
                        + " (Kafka rebuilds indexes and producer snapshots); the reaction is proven by BrokerDoesNotStartTest"));
    }

    @Override
    public Map<String, String> provenElsewhere() {
        return Map.of("LAYOUT-STRAY-FOLDER",
                "dev.kfsck.core.repair.plan.StrayFolderBrokerTest#theBrokerStartsOnceTheStrayFolderIsMovedOutAndUndoPutsItBack");
    }
}
