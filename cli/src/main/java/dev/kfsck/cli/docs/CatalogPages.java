package dev.kfsck.cli.docs;

import dev.kfsck.core.finding.FindingCatalog;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.KafkaReaction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates the documentation's finding catalog ({@code findings.md}) and the code lists of the file-format pages
 * from {@link FindingCatalog}, so docs and code cannot drift. A test in the cli module fails when a committed page
 * differs from what this produces.
 *
 * <p>Run {@code main} with the site's markdown folder to rewrite the pages.
 */
public final class CatalogPages {

    public static final String REGENERATE = "mvn -B -ntp -pl cli -am test -Dkfsck.regenerate=true";
    public static final String BEGIN = "<!-- BEGIN GENERATED CODES: from FindingCatalog; do not edit by hand, regenerate with `" + REGENERATE + "` -->";
    public static final String END = "<!-- END GENERATED CODES -->";

    /** A group of codes: the holder class and its heading. */
    record Holder(String simpleName, String heading, String page) {
    }

    private static final List<Holder> HOLDERS = List.of(
            new Holder("LayoutCodes", "Log dir layout", null),
            new Holder("PropertiesCodes", "meta.properties and partition.metadata", "format-properties.md"),
            new Holder("QuorumCodes", "quorum-state", "format-quorum-state.md"),
            new Holder("CheckpointCodes", "Offset checkpoints and leader-epoch-checkpoint", "format-checkpoints.md"),
            new Holder("SegmentCodes", "Log segments (.log)", "format-segments.md"),
            new Holder("IndexCodes", "Indexes (.index, .timeindex, .txnindex)", "format-segments.md"),
            new Holder("ProducerSnapshotCodes", "Producer-state snapshots (.snapshot)", "format-segments.md"),
            new Holder("MetadataCodes", "Metadata snapshots, bootstrap.checkpoint and metadata records", "format-metadata.md"),
            new Holder("PartitionCodes", "Partitions: segments, indexes and checkpoints together", null),
            new Holder("CrossFileCodes", "Across files and across dirs", null),
            new Holder("ClusterCodes", "Across nodes (kfsck cluster)", null));

    private CatalogPages() {
    }

    /** Every generated page (file name in {@code src/site/markdown} → content it must have, given its current content). */
    public static Map<String, String> pages(Path markdownDir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("findings.md", findingsPage());
        for (String page : formatPages()) {
            Path p = markdownDir.resolve(page);
            String current = Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
            out.put(page, withCodes(current, codesOfPage(page)));
        }
        return out;
    }

    /** The format pages that carry a generated list of codes. */
    public static List<String> formatPages() {
        Set<String> pages = new LinkedHashSet<>();
        for (Holder h : HOLDERS) if (h.page() != null) pages.add(h.page());
        return List.copyOf(pages);
    }

    /** The whole finding catalog page. */
    public static String findingsPage() {
        Map<String, List<FindingCode>> groups = groups();
        StringBuilder sb = new StringBuilder();
        sb.append("# Finding catalog\n\n");
        sb.append(BEGIN).append("\n\n");
        sb.append("Every finding kfsck reports carries one of these codes. Codes are stable: once released, a code is never renamed, ")
                .append("so scripts may match on them. kfsck knows ").append(FindingCatalog.all().size()).append(" codes.\n\n");
        sb.append("- **Severity**: ERROR (Kafka fails or loses data), WARN (suspicious; Kafka copes), INFO (worth knowing).\n");
        sb.append("- **Kafka at startup**: what a Kafka 4.x broker usually does about it when it starts on the dir; ")
                .append("a report may say otherwise for one finding when the context changes it.\n");
        sb.append("- **Repair**: what `kfsck repair` does, or why nothing is safe.\n\n");
        sb.append("| Kafka at startup | Meaning |\n|---|---|\n");
        for (KafkaReaction r : KafkaReaction.values()) {
            sb.append("| `").append(r.name()).append("` | ").append(cell(r.words())).append(" |\n");
        }
        for (Holder h : allHolders(groups)) {
            List<FindingCode> codes = groups.getOrDefault(h.simpleName(), List.of());
            sb.append("\n## ").append(h.heading()).append("\n\n");
            if (h.page() != null) sb.append("What kfsck checks in these files: [").append(h.page().replace(".md", "")).append("](")
                    .append(h.page().replace(".md", ".html")).append(").\n\n");
            sb.append(table(codes));
        }
        sb.append("\n").append(END).append("\n");
        return sb.toString();
    }

    /** A format page's text with its generated block replaced (or appended when the page has none). */
    public static String withCodes(String page, List<FindingCode> codes) {
        String block = BEGIN + "\n\n" + table(codes) + "\n" + END;
        int b = page.indexOf("<!-- BEGIN GENERATED CODES");
        int e = page.indexOf(END);
        if (b < 0 || e < b) {
            return page + (page.isEmpty() || page.endsWith("\n\n") ? "" : page.endsWith("\n") ? "\n" : "\n\n") + block + "\n";
        }
        return page.substring(0, b) + block + page.substring(e + END.length());
    }

    /** Whether a holder's codes are listed on a file-format page (the others only in the catalog). */
    static boolean hasFormatPage(String holder) {
        return HOLDERS.stream().anyMatch(h -> h.simpleName().equals(holder) && h.page() != null);
    }

    static List<FindingCode> codesOfPage(String page) {
        Map<String, List<FindingCode>> groups = groups();
        List<FindingCode> codes = new ArrayList<>();
        for (Holder h : HOLDERS) {
            if (page.equals(h.page())) codes.addAll(groups.getOrDefault(h.simpleName(), List.of()));
        }
        return codes;
    }

    static String table(List<FindingCode> codes) {
        if (codes.isEmpty()) return "No codes yet.\n";
        StringBuilder sb = new StringBuilder("| Code | Severity | Kafka at startup | What is wrong | Repair |\n|---|---|---|---|---|\n");
        for (FindingCode c : codes) {
            sb.append("| `").append(c.id()).append("` | ").append(c.severity()).append(" | ").append(cell(c.reaction().words()))
                    .append(" | ").append(cell(c.title())).append(" | ").append(cell(c.repair())).append(" |\n");
        }
        return sb.toString();
    }

    private static Map<String, List<FindingCode>> groups() {
        Map<FindingCode, String> holderOf = FindingCatalog.holderOf();
        Map<String, List<FindingCode>> groups = new LinkedHashMap<>();
        for (FindingCode c : FindingCatalog.all()) {
            groups.computeIfAbsent(holderOf.getOrDefault(c, "Other"), k -> new ArrayList<>()).add(c);
        }
        return groups;
    }

    /** The known holders in their order, then any holder the catalog has that this class does not know yet. */
    private static List<Holder> allHolders(Map<String, List<FindingCode>> groups) {
        List<Holder> all = new ArrayList<>(HOLDERS);
        for (String name : groups.keySet()) {
            if (all.stream().noneMatch(h -> h.simpleName().equals(name))) all.add(new Holder(name, name, null));
        }
        return all;
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /** Rewrites the generated pages in the given markdown folder. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/site/markdown");
        for (var e : pages(dir).entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
    }
}
