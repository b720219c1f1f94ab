package dev.kfsck.core.analysis.cluster;

import dev.kfsck.core.analysis.LogDirFacts;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.analysis.Report;

import java.util.List;
import java.util.Objects;

/**
 * One log dir's facts and the label that names it in cluster findings: its path as the check saw it, whether that
 * check ran here or on another pod whose JSON report was brought here.
 *
 * @param dir   the log dir's label (its path on the machine that checked it)
 * @param facts what the check learned about it
 */
public record DirFacts(String dir, LogDirFacts facts) {

    public DirFacts {
        Objects.requireNonNull(dir);
        Objects.requireNonNull(facts);
    }

    /** The facts of every dir of a check's report. */
    public static List<DirFacts> of(Report report) {
        return report.logDirs().stream().map(DirFacts::of).toList();
    }

    public static DirFacts of(LogDirReport r) {
        return new DirFacts(r.dir().toString(), r.facts());
    }

    /** Whether this dir holds the node's metadata log (quorum-state, metadata log facts). */
    public boolean holdsMetadata() {
        return facts.quorum() != null || facts.metadataLog() != null || facts.metadataDigest() != null
                || facts.metadataImage() != null;
    }
}
