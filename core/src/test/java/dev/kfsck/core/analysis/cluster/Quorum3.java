package dev.kfsck.core.analysis.cluster;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;

import java.nio.file.Path;
import java.util.List;

/** A working copy of the quorum3-4.3 fixture: three nodes (ids 0, 1, 2), one log dir each. */
final class Quorum3 {

    static final String SCENARIO = "quorum3-4.3";

    final Path root;
    final Manifest manifest;

    Quorum3(Path tmp) {
        this.root = Fixtures.copy(SCENARIO, tmp.resolve("q3"));
        this.manifest = Fixtures.manifest(SCENARIO);
    }

    Path dir(int node) {
        return root.resolve(manifest.node(node).logDir());
    }

    List<Path> dirs() {
        return List.of(dir(0), dir(1), dir(2));
    }

    Report check() {
        return LogDirChecker.check(dirs().toArray(Path[]::new));
    }

    ClusterView view() {
        return ClusterView.of(check());
    }
}
