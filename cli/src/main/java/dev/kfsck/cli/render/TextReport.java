package dev.kfsck.cli.render;

import dev.kfsck.cli.KfsckVersion;
import dev.kfsck.core.analysis.LogDirFacts;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A check's report for people: findings by log dir, then by file, then a summary and Kafka's startup outlook. */
public final class TextReport {

    private final Style style;

    public TextReport(Style style) {
        this.style = style;
    }

    public void render(Report report, PrintWriter out) {
        int n = report.logDirs().size();
        out.println(style.dim("kfsck " + KfsckVersion.version() + ": checked " + n + (n == 1 ? " log dir" : " log dirs")));
        for (LogDirReport dir : report.logDirs()) {
            out.println();
            out.println(style.bold(dir.dir().toString()) + identity(dir.facts()));
            renderFindings(dir.findings(), out, false);
        }
        if (!report.crossDirFindings().isEmpty()) {
            out.println();
            out.println(style.bold("Across the dirs"));
            renderFindings(report.crossDirFindings(), out, true);
        }
        out.println();
        renderSummary(report, out);
        out.flush();
    }

    private String identity(LogDirFacts f) {
        if (f == null) return "";
        List<String> parts = new ArrayList<>();
        if (f.nodeId() != null) parts.add("node " + f.nodeId());
        if (f.clusterId() != null) parts.add("cluster " + f.clusterId());
        if (f.directoryId() != null) parts.add("directory " + f.directoryId());
        if (f.metadataLog() != null || f.quorum() != null) parts.add("holds the metadata log");
        if (f.partitions() != null && !f.partitions().isEmpty()) parts.add(f.partitions().size() + " partitions");
        return parts.isEmpty() ? "" : style.dim("  (" + String.join(", ", parts) + ")");
    }

    private void renderFindings(List<Finding> findings, PrintWriter out, boolean showDir) {
        if (findings.isEmpty()) {
            out.println("  " + style.good("no findings"));
            return;
        }
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (Finding f : findings) {
            String file = showDir && !f.location().logDir().isEmpty()
                    ? f.location().logDir() + "/" + f.location().file() : f.location().file();
            byFile.computeIfAbsent(file, k -> new ArrayList<>()).add(f);
        }
        for (var e : byFile.entrySet()) {
            out.println("  " + style.bold(e.getKey()));
            for (Finding f : e.getValue()) renderFinding(f, out);
        }
    }

    private void renderFinding(Finding f, PrintWriter out) {
        String where = Places.range(f.location());
        out.println("    " + style.severity(f.severity()) + " " + style.bold(f.code().id()) + (where.isEmpty() ? "" : "  " + where));
        out.println("          " + f.message());
        if (!f.evidence().seen().isEmpty()) out.println("          " + style.dim("seen:     ") + f.evidence().seen());
        if (!f.evidence().expected().isEmpty()) out.println("          " + style.dim("expected: ") + f.evidence().expected());
        out.println("          " + style.dim("kafka:    ") + f.reaction().words());
        out.println("          " + style.dim("repair:   ") + f.repair());
    }

    private void renderSummary(Report report, PrintWriter out) {
        long errors = report.count(Severity.ERROR);
        long warns = report.count(Severity.WARN);
        long infos = report.count(Severity.INFO);
        String counts = plural(errors, "error") + ", " + plural(warns, "warning") + ", " + plural(infos, "note");
        int dirs = report.logDirs().size();
        counts += " in " + plural(dirs, "log dir");
        out.println(style.bold("Summary: ") + (errors > 0 ? style.bad(counts) : counts));
        out.println(style.bold("If a broker started on these dirs now:"));
        for (String line : report.startupOutlook()) {
            out.println("  " + (errors > 0 && !line.startsWith("broker would start") ? style.bad(line) : line));
        }
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
