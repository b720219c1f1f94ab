package dev.kfsck.core.repair.plan.trips;

import java.util.List;

/** Every code family; {@link RepairableCodesCoverageTest} checks that together they cover the catalog. */
final class CodeFamilies {

    private CodeFamilies() {
    }

    static List<CodeFamily> all() {
        return List.of(new LayoutFamily(), new MetaPropertiesFamily(), new QuorumStateFamily(), new CheckpointFamily(), new PartitionFileFamily(), new IndexFamily(), new SegmentFamily(), new MetadataFamily(), new CrossNodeFamily());
    }
}
