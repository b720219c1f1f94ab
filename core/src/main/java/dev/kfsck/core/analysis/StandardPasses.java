package dev.kfsck.core.analysis;

import java.util.List;

/** The passes of a standard check, in the order they run. */
final class StandardPasses {

    private StandardPasses() {
    }

    static List<CheckPass> all() {
        return List.of(new LayoutPass(), new RootFilesPass(), new MetadataLogPass(),
                new PartitionPass(), new MetadataFactsPass());
    }
}
