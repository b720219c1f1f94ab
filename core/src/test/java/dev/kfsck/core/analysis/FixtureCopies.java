package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/** Copies of the committed fixtures and the findings the root and metadata passes are responsible for. */
final class FixtureCopies {

    private FixtureCopies() {
    }

    /** Copies a scenario into {@code tmp} and returns every node's log dir, in manifest order. */
    static List<Path> logDirs(String scenario, Path tmp) {
        Manifest m = Fixtures.manifest(scenario);
        Path root = Fixtures.copy(scenario, tmp.resolve(scenario));
        return m.nodes().stream().map(n -> root.resolve(n.logDir())).toList();
    }

    /** Findings about root files, the metadata log, or several dirs: what RootFilesPass, MetadataLogPass and CrossDirRules report. */
    static final Predicate<Finding> OURS = f -> !f.location().file().contains("/")
            || f.location().file().startsWith(LogDirLayout.METADATA_DIR + "/");
}
