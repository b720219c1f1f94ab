package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Severity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The result of {@link LogDirChecker#check}: one report per log dir plus the findings that concern several dirs
 * (identities and epochs across dirs and nodes).
 */
public record Report(List<LogDirReport> logDirs, List<Finding> crossDirFindings) {

    public Report {
        logDirs = List.copyOf(logDirs);
        crossDirFindings = crossDirFindings.stream().sorted(Finding.ORDER).toList();
    }

    /** Every finding, dir by dir, then the cross-dir ones. */
    public List<Finding> findings() {
        return Stream.concat(logDirs.stream().flatMap(d -> d.findings().stream()), crossDirFindings.stream()).toList();
    }

    public long count(Severity s) {
        return findings().stream().filter(f -> f.severity() == s).count();
    }

    public boolean hasErrors() {
        return count(Severity.ERROR) > 0;
    }

    public boolean hasWarnings() {
        return count(Severity.WARN) > 0;
    }

    /**
     * What Kafka would do at startup, worst first, in words: for example
     * "broker would exit: quorum-state unreadable (__cluster_metadata-0/quorum-state)".
     */
    public List<String> startupOutlook() {
        Map<KafkaReaction, Set<String>> byReaction = new EnumMap<>(KafkaReaction.class);
        for (Finding f : findings()) {
            if (f.reaction() == KafkaReaction.TOLERATED || f.severity() == Severity.INFO) continue;
            String where = f.location().logDir().isEmpty() ? f.location().file() : f.location().logDir() + "/" + f.location().file();
            byReaction.computeIfAbsent(f.reaction(), r -> new LinkedHashSet<>()).add(f.code().title() + " (" + where + ")");
        }
        List<String> lines = new ArrayList<>();
        for (var e : byReaction.entrySet()) {
            for (String why : e.getValue()) lines.add(e.getKey().words() + ": " + why);
        }
        if (lines.isEmpty()) lines.add("broker would start: nothing found that Kafka fails on or loses data over");
        return lines;
    }
}
