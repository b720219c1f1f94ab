package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Finding;

import java.nio.file.Path;
import java.util.List;

/** What a check found in one log dir: its findings, in a deterministic order, and its facts. */
public record LogDirReport(Path dir, List<Finding> findings, LogDirFacts facts) {

    public LogDirReport {
        findings = findings.stream().sorted(Finding.ORDER).toList();
    }
}
